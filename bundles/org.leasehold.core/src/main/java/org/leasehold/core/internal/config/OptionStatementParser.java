package org.leasehold.core.internal.config;

import java.util.Locale;
import org.leasehold.core.internal.syntax.Token;
import org.leasehold.core.internal.syntax.TokenStream;
import org.leasehold.core.internal.syntax.ConfigException;
import java.util.Optional;
import org.leasehold.core.internal.config.ScopeBuilder.Kind;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.ExprParser;
import org.leasehold.core.internal.expr.OptionRef;

/**
 * {@code option} statements: values, {@code option NAME code N = TYPE} definitions and (reported,
 * not evaluated) {@code option NAME = EXPR}. Not thread-safe.
 */
final class OptionStatementParser {

    private final TokenStream in;
    private final ParseState state;
    private final ParameterParser statements;

    OptionStatementParser(TokenStream in, ParseState state, ParameterParser statements) {
        this.in = in;
        this.state = state;
        this.statements = statements;
    }

    void option(ScopeBuilder scope, Token kw) throws ConfigException {
        Token name = in.expectWord("an option name");
        String n = name.text().toLowerCase(Locale.ROOT);
        if (n.matches("\\d{1,3}")) {
            // IPWorks' custom option: numeric tag then hex value (spec 3.1.1.4); ISC spells it option-N.
            state.warn(name.pos(), "option " + n, "a numeric option tag is a Leasehold alias; ISC dhcpd writes 'option option-"
                    + n + "'");
            n = "option-" + n;
        }
        if (n.equals("space")) {
            state.unimplemented(kw.pos(), "option space");
            statements.skipToEnd("option space");
            statements.end();
            return;
        }
        if (in.peek().is("code")) {
            define(name, n);
            return;
        }
        OptionRef ref = state.options.lookup(n).orElseThrow(() -> new ConfigException(name.pos(),
                "expected a known option name (or define it with 'option " + name.text() + " code N = TYPE'), found '"
                        + name.text() + "'"));
        if (in.accept("=")) {
            Token start = in.peek();
            var expr = new ExprParser(in, state.options::lookup, state.warnings::add).parse();
            ComputedOption c = new ComputedOption(ref, "= " + in.textSince(start), expr, kw.pos());
            statements.end();
            scope.options.removeIf(o -> o.option().equals(ref));
            scope.computed.removeIf(o -> o.option().equals(ref));
            scope.computed.add(c);
            return;
        }
        Token first = in.peek();
        statements.skipToEnd("option " + n);
        String text = in.textSince(first);
        if (text.isEmpty()) {
            throw TokenStream.error(first, "expected a value for option " + n);
        }
        statements.end();
        encode(ref, text, first).ifPresent(value -> add(scope, new OptionSetting(ref, text, value, kw.pos())));
    }

    private Optional<Bytes> encode(OptionRef ref, String text, Token first) throws ConfigException {
        try {
            return Optional.of(state.options.encode(ref, text));
        } catch (IllegalArgumentException e) {
            if (state.options.carriesAddresses(ref) && text.matches("(?s).*[A-Za-z].*") && !text.contains("\"")) {
                state.warn(first.pos(), "option " + ref.name(),
                        "host names in address options are not resolved by Leasehold (write addresses); ignored");
                return Optional.empty();
            }
            throw new ConfigException(first.pos(), "expected a valid value for option " + ref.name() + ": "
                    + e.getMessage());
        }
    }

    private void add(ScopeBuilder scope, OptionSetting setting) {
        scope.options.removeIf(o -> o.option().equals(setting.option()));
        scope.computed.removeIf(o -> o.option().equals(setting.option()));
        scope.options.add(setting);
        if (scope.kind == Kind.HOST && setting.option().space().equals("dhcp") && setting.option().code() == 61) {
            scope.clientId = setting.value();
        }
    }

    private void define(Token name, String n) throws ConfigException {
        in.expect("code");
        Token codeTok = in.peek();
        long code = in.expectNumber("an option code");
        if (code < 0 || code > 255) {
            throw new ConfigException(codeTok.pos(), "expected an option code from 0 to 255, found " + code);
        }
        in.expect("=");
        Token first = in.peek();
        statements.skipToEnd("option definition");
        String type = in.textSince(first);
        statements.end();
        int dot = n.indexOf('.');
        String space = dot > 0 ? n.substring(0, dot) : "dhcp";
        String plain = dot > 0 ? n.substring(dot + 1) : n;
        try {
            state.options = state.options.define(space, plain, (int) code, type);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(first.pos(), "expected an option type: " + e.getMessage());
        }
    }
}
