package org.leasehold.core.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.leasehold.core.internal.config.ScopeBuilder.Kind;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.expr.ExprParser;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.Lexer;
import org.leasehold.core.internal.syntax.Token;
import org.leasehold.core.internal.syntax.TokenStream;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.value.Ipv4;

/** Parses the statements of one file into scope builders (declarations here, parameters in {@link ParameterParser}). Not thread-safe. */
final class StatementParser {

    private final TokenStream in;
    private final ParseState state;
    private final ParameterParser params;

    StatementParser(TokenStream in, ParseState state) {
        this.in = in;
        this.state = state;
        this.params = new ParameterParser(in, state);
    }

    /** Statements until the scope's closing '}' (consumed) or, for the file level, end of file. */
    void statements(ScopeBuilder scope, boolean fileLevel) throws ConfigException {
        while (true) {
            Token t = in.peek();
            if (t.kind() == Token.Kind.EOF) {
                if (fileLevel) {
                    return;
                }
                throw TokenStream.error(t, "expected '}' to close the block opened at " + scope.pos);
            }
            if (t.is("}")) {
                if (fileLevel) {
                    throw TokenStream.error(t, "expected a declaration or parameter");
                }
                in.next();
                return;
            }
            statement(scope);
        }
    }

    private void statement(ScopeBuilder scope) throws ConfigException {
        Token t = in.peek();
        if (t.kind() != Token.Kind.WORD) {
            throw TokenStream.error(t, "expected a declaration or parameter");
        }
        String word = t.text().toLowerCase(Locale.ROOT);
        switch (word) {
            case "subnet" -> subnet(scope);
            case "shared-network" -> block(scope, Kind.SHARED_NETWORK, in.next(), in.expectName("a shared-network name").text());
            case "group" -> block(scope, Kind.GROUP, in.next(), null);
            case "pool" -> pool(scope);
            case "host" -> host(scope);
            case "class" -> classDecl(scope);
            case "subclass" -> subclass(scope);
            case "include" -> include(scope);
            case "if" -> conditional(scope);
            case "switch" -> switchStatement(scope);
            case "on" -> scope.events.add(new EventParser(in, state).on());
            case "set", "unset", "log", "execute" -> scope.events.add(new EventParser(in, state).scopeStatement());
            case "match" -> match(scope);
            case "spawn" -> spawn(scope);
            case "supersede", "append", "prepend" -> params.optionWithMode(scope, in.next(), mode(word));
            default -> {
                if (word.equals("default") && !in.peek(1).is(":")) {
                    params.optionWithMode(scope, in.next(), OptionSetting.Mode.DEFAULT);
                } else if (CapabilityStatements.NAMES.contains(word)) {
                    state.unimplemented(t.pos(), word);
                    scope.capture(state, CapabilityStatements.read(in));
                } else {
                    params.statement(scope);
                }
            }
        }
    }

    private static OptionSetting.Mode mode(String word) {
        return switch (word) {
            case "append" -> OptionSetting.Mode.APPEND;
            case "prepend" -> OptionSetting.Mode.PREPEND;
            default -> OptionSetting.Mode.SUPERSEDE;
        };
    }

    private void subnet(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        requireIn(scope, kw, Kind.GLOBAL, Kind.GROUP, Kind.SHARED_NETWORK);
        Token net = in.expectWord("a subnet number");
        Token maskWord = in.peek();
        if (maskWord.is("mask")) {
            state.warn(maskWord.pos(), "mask", "'mask' is a Leasehold alias; ISC dhcpd spells it 'netmask'");
            in.next();
        } else {
            in.expect("netmask");
        }
        Token mask = in.expectWord("a netmask");
        long network = address(net, "a subnet number");
        int prefix = Ipv4.prefixLength(address(mask, "a netmask"));
        if (prefix < 0) {
            throw new ConfigException(mask.pos(), "expected a contiguous netmask, found " + mask.text());
        }
        if ((network & ~Ipv4.mask(prefix) & 0xffffffffL) != 0) {
            throw new ConfigException(net.pos(), "expected a subnet number with no host bits under netmask "
                    + mask.text() + ", found " + net.text());
        }
        ScopeBuilder s = new ScopeBuilder(Kind.SUBNET, scope, kw.pos(), Ipv4.format(network) + "/" + prefix);
        s.network = network;
        s.prefixLength = prefix;
        in.expect("{");
        statements(s, false);
        register(state.subnets, s);
    }

    private void block(ScopeBuilder scope, Kind kind, Token kw, String name) throws ConfigException {
        if (kind == Kind.GROUP) {
            // ISC: a group may also gather some of a shared-network's subnets
            requireIn(scope, kw, Kind.GLOBAL, Kind.GROUP, Kind.SHARED_NETWORK);
        } else {
            requireIn(scope, kw, Kind.GLOBAL, Kind.GROUP);
            if (scope.enclosing(Kind.SHARED_NETWORK).isPresent()) {
                throw new ConfigException(kw.pos(), "'shared-network' is not allowed inside shared-network");
            }
        }
        ScopeBuilder s = new ScopeBuilder(kind, scope, kw.pos(), name);
        in.expect("{");
        statements(s, false);
        if (kind == Kind.SHARED_NETWORK) {
            register(state.sharedNetworks, s);
        }
    }

    private void pool(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        requireIn(scope, kw, Kind.SUBNET, Kind.SHARED_NETWORK);
        ScopeBuilder p = new ScopeBuilder(Kind.POOL, scope, kw.pos(), null);
        in.expect("{");
        statements(p, false);
        in.accept(";");
        if (scope.inConditional()) {
            state.warn(kw.pos(), "if", "declarations inside conditional statements are not supported by Leasehold;"
                    + " ignored");
        } else {
            scope.pools.add(p);
        }
    }

    private void host(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        requireIn(scope, kw, Kind.GLOBAL, Kind.GROUP, Kind.SHARED_NETWORK, Kind.SUBNET);
        ScopeBuilder h = new ScopeBuilder(Kind.HOST, scope, kw.pos(), in.expectName("a host name").text());
        in.expect("{");
        statements(h, false);
        register(state.hosts, h);
    }

    private void classDecl(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        requireIn(scope, kw, Kind.GLOBAL, Kind.GROUP);
        ScopeBuilder c = new ScopeBuilder(Kind.CLASS, scope, kw.pos(), in.expectName("a class name").text());
        in.expect("{");
        statements(c, false);
        in.accept(";");
        register(state.classes, c);
    }

    private void subclass(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        requireIn(scope, kw, Kind.GLOBAL, Kind.GROUP);
        String className = in.expectName("a class name").text();
        ScopeBuilder s = new ScopeBuilder(Kind.SUBCLASS, scope, kw.pos(), className);
        s.subclassValue = dataLiteral("a subclass value (a quoted string or colon-separated hex)");
        if (in.accept("{")) {
            statements(s, false);
            in.accept(";");
        } else {
            params.end();
        }
        register(state.subclasses, s);
    }

    private Bytes dataLiteral(String what) throws ConfigException {
        Token v = in.next();
        if (v.kind() == Token.Kind.STRING) {
            return Bytes.of(v.text());
        }
        if (v.kind() == Token.Kind.WORD && (Bytes.looksLikeColonHex(v.text()) || v.text().matches("[0-9a-fA-F]{1,2}"))) {
            return Bytes.parseColonHex(v.text());
        }
        throw TokenStream.error(v, "expected " + what);
    }

    private void match(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        requireIn(scope, kw, Kind.CLASS);
        if (in.accept("if")) {
            scope.matchIf = expression();
        } else {
            scope.match = expression();
        }
        params.end();
    }

    private void spawn(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        requireIn(scope, kw, Kind.CLASS);
        in.expect("with");
        scope.spawnWith = expression();
        params.end();
    }

    Expr expression() throws ConfigException {
        return new ExprParser(in, name -> state.options.lookup(name), state.warnings::add).parse();
    }

    private void conditional(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        List<Conditional.Branch> branches = new ArrayList<>();
        Params otherwise = Params.EMPTY;
        branches.add(new Conditional.Branch(expression(), conditionalBody(scope, kw)));
        while (in.peek().is("elsif") || in.peek().is("else")) {
            Token branch = in.next();
            if (branch.is("elsif") || in.accept("if")) {
                branches.add(new Conditional.Branch(expression(), conditionalBody(scope, branch)));
            } else {
                otherwise = conditionalBody(scope, branch);
                break;
            }
        }
        scope.conditionals.add(new Conditional(branches, otherwise, kw.pos()));
    }

    /**
     * {@code switch (E) { case V: ... [break;] ... default: ... }} in a scope, as a {@link Conditional}: each
     * {@code case} is an arm testing E = V whose body runs from its label through the next {@code break}
     * (ISC's fall-through), {@code default} the arm taken when no case matches, wherever it is written.
     */
    private void switchStatement(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        in.expect("(");
        Expr subject = expression();
        in.expect(")");
        in.expect("{");
        List<Expr> labels = new ArrayList<>();
        List<ScopeBuilder> segments = new ArrayList<>();
        List<Boolean> breaks = new ArrayList<>();
        int defaultAt = -1;
        while (!in.accept("}")) {
            Token t = in.peek();
            if (t.kind() == Token.Kind.EOF) {
                throw TokenStream.error(t, "expected '}' to close the switch opened at " + kw.pos());
            }
            if (t.is("case") || EventParser.atDefaultLabel(in)) {
                Expr value = null;
                if (t.is("case")) {
                    in.next();
                    value = EventParser.caseValue(in, this::expression);
                } else if (defaultAt >= 0) {
                    throw new ConfigException(t.pos(), "expected one 'default' in a switch, found a second");
                } else {
                    EventParser.defaultLabel(in);
                    defaultAt = segments.size();
                }
                labels.add(value);
                segments.add(new ScopeBuilder(Kind.CONDITIONAL, scope, t.pos(), null));
                breaks.add(false);
            } else if (segments.isEmpty()) {
                throw TokenStream.error(t, "expected 'case' or 'default' to start the switch body");
            } else if (t.is("break")) {
                in.next();
                in.expect(";");
                breaks.set(breaks.size() - 1, true);
                // statements after a break and before the next label are never reached
                labels.add(null);
                segments.add(new ScopeBuilder(Kind.CONDITIONAL, scope, t.pos(), null));
                breaks.add(false);
            } else {
                statement(segments.get(segments.size() - 1));
            }
        }
        in.accept(";");
        List<Conditional.Branch> branches = new ArrayList<>();
        Params otherwise = Params.EMPTY;
        for (int i = 0; i < segments.size(); i++) {
            List<Params> run = new ArrayList<>();
            for (int j = i; j < segments.size(); j++) {
                run.add(segments.get(j).params());
                if (breaks.get(j)) {
                    break;
                }
            }
            if (labels.get(i) != null) {
                branches.add(new Conditional.Branch(new Expr.Equal(subject, labels.get(i), false), Params.sequence(run)));
            } else if (i == defaultAt) {
                otherwise = Params.sequence(run);
            }
        }
        scope.conditionals.add(new Conditional(branches, otherwise, kw.pos()));
    }

    private Params conditionalBody(ScopeBuilder scope, Token kw) throws ConfigException {
        in.expect("{");
        ScopeBuilder body = new ScopeBuilder(Kind.CONDITIONAL, scope, kw.pos(), null);
        statements(body, false);
        return body.params();
    }

    private void include(ScopeBuilder scope) throws ConfigException {
        Token kw = in.next();
        Token file = in.expectString("a file name");
        params.end();
        Path path;
        try {
            path = state.baseDir.resolve(file.text());
        } catch (InvalidPathException e) {
            throw new ConfigException(file.pos(), "expected a file name for include (" + e.getMessage() + ")");
        }
        if (state.includeDepth >= 16) {
            throw new ConfigException(kw.pos(), "include nested too deeply (a loop?) at " + path);
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file.pos(), "expected a readable file for include: " + path + " (" + e + ")");
        }
        state.includeDepth++;
        TokenStream sub = new TokenStream(new Lexer(path.toString(), text).tokens(), text);
        new StatementParser(sub, state).statements(scope, true);
        state.includeDepth--;
    }

    /** Declarations inside an ignored conditional branch are parsed for errors but not kept. */
    private void register(List<ScopeBuilder> list, ScopeBuilder decl) {
        if (decl.inConditional()) {
            state.warn(decl.pos, "if", "declarations inside conditional statements are not supported by Leasehold;"
                    + " ignored");
        } else {
            list.add(decl);
        }
    }

    private long address(Token t, String what) throws ConfigException {
        try {
            return Ipv4.parse(t.text());
        } catch (IllegalArgumentException e) {
            throw TokenStream.error(t, "expected " + what + " (an IPv4 address)");
        }
    }

    private static void requireIn(ScopeBuilder scope, Token kw, Kind... allowed) throws ConfigException {
        Kind effective = scope.kind;
        for (ScopeBuilder s = scope; s != null && s.kind == Kind.CONDITIONAL; s = s.parent) {
            effective = s.parent == null ? Kind.GLOBAL : s.parent.kind;
        }
        for (Kind k : allowed) {
            if (k == effective) {
                return;
            }
        }
        throw new ConfigException(kw.pos(), "'" + kw.text() + "' is not allowed inside "
                + effective.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
