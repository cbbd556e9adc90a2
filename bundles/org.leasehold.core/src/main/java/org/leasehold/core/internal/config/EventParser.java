package org.leasehold.core.internal.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.expr.ExprParser;
import org.leasehold.core.internal.expr.Value;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.Token;
import org.leasehold.core.internal.syntax.TokenStream;

/**
 * Parses ISC {@code on} blocks and the executable statements of dhcp-eval(5) inside them
 * (common/parse.c parse_executable_statement): {@code set}, {@code unset}, {@code log}, {@code execute},
 * {@code if}/{@code elsif}/{@code else}, {@code switch}/{@code case}/{@code default}/{@code break}.
 * Expressions read bare names as lease variables. Not thread-safe.
 */
final class EventParser {

    /** The setting that lets {@code execute} run programs. */
    static final String EXECUTE_SETTING = "eventsExecute = true in etc/org.leasehold.core.cfg";

    private final TokenStream in;
    private final ParseState state;

    EventParser(TokenStream in, ParseState state) {
        this.in = in;
        this.state = state;
    }

    /** {@code on EVENT [or EVENT ...] { statements }} at the stream's position ({@code on} next). */
    EventBlock on() throws ConfigException {
        Token kw = in.next();
        Set<EventBlock.Event> events = EnumSet.noneOf(EventBlock.Event.class);
        do {
            Token e = in.peek();
            String name = e.kind() == Token.Kind.WORD ? e.text().toLowerCase(Locale.ROOT) : "";
            switch (name) {
                case "commit" -> events.add(EventBlock.Event.COMMIT);
                case "release" -> events.add(EventBlock.Event.RELEASE);
                case "expiry" -> events.add(EventBlock.Event.EXPIRY);
                default -> throw TokenStream.error(e, "expected an event (commit, release or expiry)");
            }
            in.next();
        } while (in.accept("or"));
        in.expect("{");
        List<EventStatement> body = block(kw);
        in.accept(";");
        return new EventBlock(events, body, kw.pos());
    }

    /**
     * One {@code set}, {@code unset}, {@code log} or {@code execute} written directly in a scope, kept as a
     * block of no event: ISC runs the scope's statements on every OFFER and ACK, outermost scope first.
     */
    EventBlock scopeStatement() throws ConfigException {
        Token kw = in.peek();
        return new EventBlock(Set.of(), List.of(statement(false)), kw.pos());
    }

    /** Statements up to the closing '}' (consumed). */
    private List<EventStatement> block(Token opener) throws ConfigException {
        List<EventStatement> out = new ArrayList<>();
        while (!in.accept("}")) {
            if (in.peek().kind() == Token.Kind.EOF) {
                throw TokenStream.error(in.peek(), "expected '}' to close the " + opener.text() + " block opened at "
                        + opener.pos());
            }
            out.add(statement(false));
        }
        return out;
    }

    private EventStatement statement(boolean inSwitch) throws ConfigException {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD) {
            throw TokenStream.error(t, "expected a statement (set, unset, log, execute, if, switch)");
        }
        String word = t.text().toLowerCase(Locale.ROOT);
        switch (word) {
            case "set": {
                in.next();
                Token name = in.expectWord("a variable name");
                in.expect("=");
                Expr value = expression();
                in.expect(";");
                return new EventStatement.Set(name.text(), value, t.pos());
            }
            case "unset": {
                in.next();
                Token name = in.expectWord("a variable name");
                in.expect(";");
                return new EventStatement.Unset(name.text(), t.pos());
            }
            case "log":
                return log();
            case "execute":
                return execute();
            case "if":
                return conditional();
            case "switch":
                return switchStatement();
            case "break":
                if (!inSwitch) {
                    throw new ConfigException(t.pos(), "'break' is allowed only inside switch");
                }
                in.next();
                in.expect(";");
                return new EventStatement.Break(t.pos());
            default: {
                // ISC accepts any executable statement here (option, ddns-update, ...); Leasehold runs none of them
                state.warn(t.pos(), word, "not run by Leasehold inside an event block; ignored");
                CapabilityStatements.read(in);
                return new EventStatement.Ignored(word, t.pos());
            }
        }
    }

    private EventStatement log() throws ConfigException {
        Token kw = in.next();
        in.expect("(");
        String priority = "debug";
        Token p = in.peek();
        if (p.kind() == Token.Kind.WORD && in.peek(1).is(",")
                && Set.of("fatal", "error", "info", "debug").contains(p.text().toLowerCase(Locale.ROOT))) {
            priority = in.next().text().toLowerCase(Locale.ROOT);
            in.expect(",");
        }
        Expr message = expression();
        in.expect(")");
        in.expect(";");
        return new EventStatement.Log(priority, message, kw.pos());
    }

    private EventStatement execute() throws ConfigException {
        Token kw = in.next();
        in.expect("(");
        Token program = in.expectString("a quoted program path");
        List<Expr> args = new ArrayList<>();
        while (in.accept(",")) {
            args.add(expression());
        }
        in.expect(")");
        in.expect(";");
        state.warn(kw.pos(), "execute", "runs " + program.text() + " only when " + EXECUTE_SETTING
                + " (off by default: no program is run)");
        return new EventStatement.Execute(program.text(), args, kw.pos());
    }

    private EventStatement conditional() throws ConfigException {
        Token kw = in.next();
        List<EventStatement.Arm> arms = new ArrayList<>();
        List<EventStatement> otherwise = List.of();
        arms.add(arm(kw));
        while (in.peek().is("elsif") || in.peek().is("else")) {
            Token branch = in.next();
            if (branch.is("elsif") || in.accept("if")) {
                arms.add(arm(branch));
            } else {
                in.expect("{");
                otherwise = block(branch);
                break;
            }
        }
        return new EventStatement.If(arms, otherwise, kw.pos());
    }

    private EventStatement.Arm arm(Token kw) throws ConfigException {
        Expr condition = expression();
        in.expect("{");
        return new EventStatement.Arm(condition, block(kw));
    }

    private EventStatement switchStatement() throws ConfigException {
        Token kw = in.next();
        in.expect("(");
        Expr subject = expression();
        in.expect(")");
        in.expect("{");
        List<EventStatement.Case> cases = new ArrayList<>();
        List<EventStatement> body = new ArrayList<>();
        boolean seenDefault = false;
        while (!in.accept("}")) {
            Token t = in.peek();
            if (t.kind() == Token.Kind.EOF) {
                throw TokenStream.error(t, "expected '}' to close the switch opened at " + kw.pos());
            }
            if (t.is("case")) {
                in.next();
                cases.add(new EventStatement.Case(caseValue(in, this::expression), body.size()));
            } else if (atDefaultLabel(in)) {
                if (seenDefault) {
                    throw new ConfigException(t.pos(), "expected one 'default' in a switch, found a second");
                }
                seenDefault = true;
                defaultLabel(in);
                cases.add(new EventStatement.Case(null, body.size()));
            } else {
                if (cases.isEmpty()) {
                    throw TokenStream.error(t, "expected 'case' or 'default' to start the switch body");
                }
                body.add(statement(true));
            }
        }
        in.accept(";");
        return new EventStatement.Switch(subject, cases, body, kw.pos());
    }

    /** Reads an expression at the stream's position. */
    interface ExprReader {
        Expr read() throws ConfigException;
    }

    /**
     * A {@code case} value and its ':' ({@code case} consumed). The lexer keeps ':' in words (colon hex), so
     * {@code case 5:} arrives as the word "5:": a number or colon-hex literal glued to its colon.
     */
    static Expr caseValue(TokenStream in, ExprReader expression) throws ConfigException {
        Token t = in.peek();
        if (t.kind() == Token.Kind.WORD && t.text().length() > 1 && t.text().endsWith(":")) {
            String v = t.text().substring(0, t.text().length() - 1);
            if (v.matches("\\d+")) {
                in.next();
                return new Expr.Literal(new Value.Num(Long.parseLong(v)));
            }
            if (Bytes.looksLikeColonHex(v)) {
                in.next();
                return new Expr.Literal(new Value.Data(Bytes.parseColonHex(v)));
            }
        }
        Expr value = expression.read();
        in.expect(":");
        return value;
    }

    /** Whether {@code default:} (one word to the lexer, or two) is next. */
    static boolean atDefaultLabel(TokenStream in) {
        return in.peek().is("default:") || (in.peek().is("default") && in.peek(1).is(":"));
    }

    static void defaultLabel(TokenStream in) {
        if (!in.next().is("default:")) {
            in.next();
        }
    }

    private Expr expression() throws ConfigException {
        return new ExprParser(in, name -> state.options.lookup(name), state.warnings::add).withVariables().parse();
    }
}
