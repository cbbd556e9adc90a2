package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.syntax.SourcePos;

/**
 * One executable statement of an ISC {@code on commit | release | expiry} block (dhcp-eval(5)
 * "ACTION EXPRESSIONS" and "CONDITIONAL BEHAVIOUR"). Parsed once; run by the engine for a lease.
 * Immutable.
 */
public sealed interface EventStatement {

    SourcePos pos();

    /** {@code set NAME = EXPR;}: the lease variable NAME takes the value (unset when it evaluates to null). */
    record Set(String name, Expr value, SourcePos pos) implements EventStatement {
    }

    /** {@code unset NAME;}. */
    record Unset(String name, SourcePos pos) implements EventStatement {
    }

    /** {@code log (PRIORITY, EXPR);}, priority {@code fatal|error|info|debug} (ISC's default: debug). */
    record Log(String priority, Expr message, SourcePos pos) implements EventStatement {
    }

    /** {@code execute ("program", EXPR, ...);}: runs only when the operator enabled it. */
    record Execute(String program, List<Expr> arguments, SourcePos pos) implements EventStatement {
        public Execute {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code if E { } elsif E { } else { }}: the first arm whose condition holds, else {@code otherwise}. */
    record If(List<Arm> arms, List<EventStatement> otherwise, SourcePos pos) implements EventStatement {
        public If {
            arms = List.copyOf(arms);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** One {@code if}/{@code elsif} arm. */
    record Arm(Expr condition, List<EventStatement> body) {
        public Arm {
            body = List.copyOf(body);
        }
    }

    /**
     * {@code switch (E) { case V: ... break; default: ... }}: runs {@code body} from the first case whose
     * value equals E (else from {@code default}) up to a {@code break} or the end: fall-through as ISC's.
     */
    record Switch(Expr subject, List<Case> cases, List<EventStatement> body, SourcePos pos) implements EventStatement {
        public Switch {
            cases = List.copyOf(cases);
            body = List.copyOf(body);
        }
    }

    /** A {@code case V:} (value null: {@code default:}) starting at {@code body.get(start)}. */
    record Case(Expr value, int start) {
    }

    /** {@code break;} ends the innermost switch. */
    record Break(SourcePos pos) implements EventStatement {
    }

    /** A statement ISC accepts in an event block that Leasehold does not run (a warning names it). */
    record Ignored(String keyword, SourcePos pos) implements EventStatement {
    }
}
