package org.leasehold.core.internal.config;

import java.util.ArrayList;
import org.leasehold.core.internal.syntax.SourcePos;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.Expr;

/**
 * One open block while parsing. Declarations are materialised only after the whole file is read,
 * because a group's parameters apply to everything in it wherever they are written. Mutable; used
 * by one parse only.
 */
final class ScopeBuilder {

    enum Kind { GLOBAL, GROUP, SHARED_NETWORK, SUBNET, POOL, HOST, CLASS, SUBCLASS, CONDITIONAL }

    final Kind kind;
    final ScopeBuilder parent;
    final SourcePos pos;
    final String name;
    final List<OptionSetting> options = new ArrayList<>();
    final Map<String, Parameter> parameters = new LinkedHashMap<>();
    final List<RangeDecl> ranges = new ArrayList<>();
    final List<Permit> permits = new ArrayList<>();
    final List<ScopeBuilder> pools = new ArrayList<>();
    final List<Long> fixedAddresses = new ArrayList<>();
    final List<Conditional> conditionals = new ArrayList<>();
    final List<ComputedOption> computed = new ArrayList<>();
    final List<ComputedParameter> computedParameters = new ArrayList<>();
    /** Capability statements written in this scope, in file order. */
    final List<ConfigStatement> statements = new ArrayList<>();
    /** {@code on commit | release | expiry} blocks written in this scope, in file order. */
    final List<EventBlock> events = new ArrayList<>();
    long network;
    int prefixLength;
    Bytes hardware;
    Bytes clientId;
    /** {@code host-identifier option NAME VALUE;} of a host: the option and the value it must carry. */
    OptionSetting hostIdentifier;
    Bytes subclassValue;
    Expr matchIf;
    Expr match;
    Expr spawnWith;
    Integer leaseLimit;

    ScopeBuilder(Kind kind, ScopeBuilder parent, SourcePos pos, String name) {
        this.kind = kind;
        this.parent = parent;
        this.pos = pos;
        this.name = name;
    }

    Params params() {
        return new Params(options, parameters, conditionals, computed, statements, computedParameters, events);
    }

    /** Keeps a capability statement in this scope, and in the parse's file-order list of them. */
    void capture(ParseState state, ConfigStatement statement) {
        statements.add(statement);
        if (!inConditional()) {
            state.captured.add(new ParseState.Captured(this, statement));
        }
    }

    /** Parameters of enclosing {@code group} blocks, outermost first. */
    List<Params> groups() {
        List<Params> out = new ArrayList<>();
        for (ScopeBuilder s = parent; s != null; s = s.parent) {
            if (s.kind == Kind.GROUP) {
                out.add(0, s.params());
            }
        }
        return out;
    }

    Optional<ScopeBuilder> enclosing(Kind k) {
        for (ScopeBuilder s = parent; s != null; s = s.parent) {
            if (s.kind == k) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    Optional<String> sharedNetworkName() {
        if (kind == Kind.SHARED_NETWORK) {
            return Optional.of(name);
        }
        return enclosing(Kind.SHARED_NETWORK).map(s -> s.name);
    }

    /** Whether this scope or an enclosing one is a discarded conditional branch. */
    boolean inConditional() {
        for (ScopeBuilder s = this; s != null; s = s.parent) {
            if (s.kind == Kind.CONDITIONAL) {
                return true;
            }
        }
        return false;
    }
}
