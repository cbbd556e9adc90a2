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

    void option(ScopeBuilder scope, Token kw, OptionSetting.Mode mode) throws ConfigException {
        Token name = in.expectWord("an option name");
        String n = name.text().toLowerCase(Locale.ROOT);
        if (n.matches("\\d{1,3}")) {
            // IPWorks' custom option: numeric tag then hex value (spec 3.1.1.4); ISC spells it option-N.
            state.warn(name.pos(), "option " + n, "a numeric option tag is a Leasehold alias; ISC dhcpd writes 'option option-"
                    + n + "'");
            n = "option-" + n;
        }
        if (n.equals("space") && mode == OptionSetting.Mode.SUPERSEDE && !in.peek().is("code")) {
            space(kw);
            return;
        }
        if (in.peek().is("code") && mode == OptionSetting.Mode.SUPERSEDE) {
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
        if (text.isEmpty() && !state.options.isZeroLength(ref)) {
            throw TokenStream.error(first, "expected a value for option " + n);
        }
        statements.end();
        encode(ref, text, first).ifPresent(value -> add(scope, new OptionSetting(ref, text, value, kw.pos(), mode)));
    }

    /** {@code NAME VALUE;} after {@code kw}: a known option and its encoded value, stored nowhere. */
    OptionSetting value(Token kw) throws ConfigException {
        Token name = in.expectWord("an option name");
        OptionRef ref = state.options.lookup(name.text().toLowerCase(Locale.ROOT)).orElseThrow(() -> new ConfigException(
                name.pos(), "expected a known option name, found '" + name.text() + "'"));
        Token first = in.peek();
        statements.skipToEnd("option " + ref.name());
        String text = in.textSince(first);
        if (text.isEmpty()) {
            throw TokenStream.error(first, "expected a value for option " + ref.name());
        }
        statements.end();
        try {
            return new OptionSetting(ref, text, state.options.encode(ref, text), kw.pos());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(first.pos(), "expected a valid value for option " + ref.name() + ": "
                    + e.getMessage());
        }
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

    private void add(ScopeBuilder scope, OptionSetting written) {
        OptionSetting setting = written;
        if (written.mode() == OptionSetting.Mode.APPEND || written.mode() == OptionSetting.Mode.PREPEND
                || written.mode() == OptionSetting.Mode.DEFAULT) {
            // ISC runs a scope's statements in order: combine with this scope's earlier setting of the option
            for (OptionSetting o : scope.options) {
                if (o.option().equals(written.option())) {
                    setting = new OptionSetting(o.option(), o.text() + "; " + written.text(),
                            written.applyTo(o.value()), o.pos(), o.mode());
                }
            }
        }
        OptionRef ref = setting.option();
        scope.options.removeIf(o -> o.option().equals(ref));
        scope.computed.removeIf(o -> o.option().equals(ref));
        scope.options.add(setting);
        if (scope.kind == Kind.HOST && ref.space().equals("dhcp") && ref.code() == 61) {
            scope.clientId = setting.value();
        }
    }

    /** {@code option space NAME [code width N] [length width N] [hash size N];} */
    private void space(Token kw) throws ConfigException {
        // option names are matched case-insensitively, so their space names are too
        String name = in.expectName("an option space name").text().toLowerCase(Locale.ROOT);
        int code = 1;
        int length = 1;
        int hash = 254;
        while (!in.peek().is(";") && !in.peek().is("}")) {
            Token w = in.expectWord("code width, length width or hash size");
            switch (w.text().toLowerCase(Locale.ROOT)) {
                case "code" -> {
                    in.expect("width");
                    code = (int) in.expectNumber("a code width (1, 2 or 4)");
                }
                case "length" -> {
                    in.expect("width");
                    length = (int) in.expectNumber("a length width (0, 1 or 2)");
                }
                case "hash" -> {
                    in.expect("size");
                    hash = (int) in.expectNumber("a hash size (1 to 65535)");
                }
                default -> throw TokenStream.error(w, "expected code width, length width or hash size");
            }
        }
        statements.end();
        try {
            state.options = state.options.defineSpace(new SpaceLayout(name, code, length, hash));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(kw.pos(), "expected a valid option space: " + e.getMessage());
        }
    }

    private void define(Token name, String n) throws ConfigException {
        in.expect("code");
        Token codeTok = in.peek();
        long code = in.expectNumber("an option code");
        int dot = n.indexOf('.');
        String space = dot > 0 ? n.substring(0, dot) : "dhcp";
        String plain = dot > 0 ? n.substring(dot + 1) : n;
        SpaceLayout layout = state.options.space(space).orElseThrow(() -> new ConfigException(name.pos(),
                "expected a declared option space (option space " + space + ";) before defining " + n));
        long max = space.equals("dhcp") ? 255 : Math.min(layout.maxCode(), Integer.MAX_VALUE);
        if (code < 0 || code > max) {
            throw new ConfigException(codeTok.pos(), "expected an option code from 0 to " + max + " in space " + space
                    + ", found " + code);
        }
        in.expect("=");
        Token first = in.peek();
        // a record type { ... } has braces; the definition ends at the first ';' outside them
        int depth = 0;
        while (!(in.peek().is(";") && depth == 0)) {
            Token t = in.next();
            if (t.kind() == Token.Kind.EOF || (t.is("}") && depth == 0)) {
                throw TokenStream.error(t, "expected ';' to end the option definition");
            }
            depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
        }
        String type = in.textSince(first);
        statements.end();
        try {
            state.options = state.options.define(space, plain, (int) code, type);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(first.pos(), "expected an option type: " + e.getMessage());
        }
    }
}
