package org.leasehold.core.internal.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigWarning;
import org.leasehold.core.internal.syntax.Token;
import org.leasehold.core.internal.syntax.TokenStream;
import org.leasehold.core.internal.value.Bytes;

/**
 * Recursive-descent parser for dhcp-eval(5) expressions over a shared {@link TokenStream}. Functions
 * ISC knows but Leasehold does not evaluate yet parse into {@link Expr.Unsupported} and are reported
 * by name. Not thread-safe.
 */
public final class ExprParser {

    /** ISC expression functions taking parenthesised arguments that Leasehold does not evaluate. */
    private static final Set<String> UNSUPPORTED_FUNCTIONS = Set.of("v6relay", "pick", "gethostbyname", "execute", "dns-update", "dns-delete", "ns-update", "defined",
            "encode-int16", "split");
    /** ISC expression keywords without arguments that Leasehold does not evaluate. */
    private static final Set<String> UNSUPPORTED_WORDS = Set.of("null", "filename", "server-name", "ddns-fwd-name", "ddns-rev-name");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final TokenStream in;
    private final Function<String, Optional<OptionRef>> options;
    private final Consumer<ConfigWarning> warnings;
    /** Whether a bare name is a lease variable reference (in event blocks, where a lease is at hand). */
    private boolean variables;

    public ExprParser(TokenStream in, Function<String, Optional<OptionRef>> options, Consumer<ConfigWarning> warnings) {
        this.in = in;
        this.options = options;
        this.warnings = warnings;
    }

    /** Reads a bare name as ISC's {@code variable-reference} (event blocks); otherwise it is an error. */
    public ExprParser withVariables() {
        this.variables = true;
        return this;
    }

    public Expr parse() throws ConfigException {
        Expr left = and();
        while (in.accept("or")) {
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() throws ConfigException {
        Expr left = not();
        while (in.accept("and")) {
            left = new Expr.And(left, not());
        }
        return left;
    }

    private Expr not() throws ConfigException {
        if (in.accept("not")) {
            return new Expr.Not(not());
        }
        Expr left = arithmetic();
        if (in.accept("=")) {
            return new Expr.Equal(left, arithmetic(), false);
        }
        if (in.accept("!=")) {
            return new Expr.Equal(left, arithmetic(), true);
        }
        if (in.peek().is("~=") || in.peek().is("~~")) {
            boolean caseless = in.next().text().equals("~~");
            Token re = in.expectString("a regular expression");
            try {
                return new Expr.RegexMatch(left, Pattern.compile(re.text(), caseless ? Pattern.CASE_INSENSITIVE : 0));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(re.pos(), "expected a valid regular expression: " + e.getDescription());
            }
        }
        return left;
    }

    /**
     * dhcp-eval(5)'s numeric operators with ISC's precedence (common/tree.c op_val; a higher value binds
     * tighter): {@code & | ^} tightest, then {@code + -}, then {@code * / %}, each left-associative. ISC's
     * table is not arithmetic's ({@code 2 * 3 + 4} is 14 there, and so here); write parentheses.
     */
    private Expr arithmetic() throws ConfigException {
        Expr left = additive();
        while (in.peek().is("*") || in.peek().is("/") || in.peek().is("%")) {
            char op = in.next().text().charAt(0);
            left = new Expr.Arithmetic(op, left, additive());
        }
        return left;
    }

    private Expr additive() throws ConfigException {
        Expr left = bitwise();
        while (in.peek().is("+") || in.peek().is("-")) {
            char op = in.next().text().charAt(0);
            left = new Expr.Arithmetic(op, left, bitwise());
        }
        return left;
    }

    private Expr bitwise() throws ConfigException {
        Expr left = primary();
        while (in.peek().is("&") || in.peek().is("|") || in.peek().is("^")) {
            char op = in.next().text().charAt(0);
            left = new Expr.Arithmetic(op, left, primary());
        }
        return left;
    }

    private Expr primary() throws ConfigException {
        Token t = in.peek();
        if (in.accept("(")) {
            Expr e = parse();
            in.expect(")");
            return e;
        }
        if (t.kind() == Token.Kind.STRING) {
            in.next();
            return new Expr.Literal(new Value.Data(Bytes.of(t.text())));
        }
        if (t.kind() != Token.Kind.WORD) {
            throw TokenStream.error(t, "expected an expression");
        }
        return word(in.next());
    }

    private Expr word(Token t) throws ConfigException {
        String w = t.text().toLowerCase(Locale.ROOT);
        switch (w) {
            case "option": return new Expr.OptionValue(optionName());
            case "exists": return new Expr.Exists(optionName());
            case "config-option": return new Expr.ConfigOption(optionName());
            case "gethostname": return args(0, a -> new Expr.Literal(new Value.Data(Bytes.of(LocalHost.name()))));
            case "hardware": return new Expr.Hardware();
            case "leased-address": return new Expr.LeasedAddress();
            case "lease-time": return new Expr.LeaseTime();
            case "host-decl-name": return new Expr.HostDeclName();
            case "static": return new Expr.Static();
            case "client-state": return new Expr.ClientState();
            case "known": return new Expr.Known();
            case "attribute": return new Expr.Attribute(in.expectString("an attribute name").text());
            case "substring": return args(3, a -> new Expr.Substring(a.get(0), a.get(1), a.get(2)));
            case "suffix": return args(2, a -> new Expr.Suffix(a.get(0), a.get(1)));
            case "concat": return args(-1, Expr.Concat::new);
            case "pick-first-value": return args(-1, Expr.PickFirst::new);
            case "binary-to-ascii": return args(4, a -> new Expr.BinaryToAscii(a.get(0), a.get(1), a.get(2), a.get(3)));
            case "reverse": return args(2, a -> new Expr.Reverse(a.get(0), a.get(1)));
            case "lcase": return args(1, a -> new Expr.CaseFold(a.get(0), false));
            case "ucase": return args(1, a -> new Expr.CaseFold(a.get(0), true));
            case "packet": return args(2, a -> new Expr.PacketBytes(a.get(0), a.get(1)));
            case "extract-int": return intFunction(t, true);
            case "encode-int": return intFunction(t, false);
            case "member":
                in.expect("of");
                return new Expr.MemberOf(in.expectString("a class name").text());
            default: return literalOrUnsupported(t, w);
        }
    }

    private Expr literalOrUnsupported(Token t, String w) throws ConfigException {
        if (UNSUPPORTED_FUNCTIONS.contains(w) && in.peek().is("(")) {
            args(-1, a -> null);
            return unsupported(t, w);
        }
        if (UNSUPPORTED_WORDS.contains(w)) {
            return unsupported(t, w);
        }
        if (w.matches("\\d+")) {
            return new Expr.Literal(new Value.Num(Long.parseLong(w)));
        }
        if (Bytes.looksLikeColonHex(w)) {
            return new Expr.Literal(new Value.Data(Bytes.parseColonHex(w)));
        }
        if (w.equals("true") || w.equals("false")) {
            return new Expr.Literal(Value.of(w.equals("true")));
        }
        if (variables && VARIABLE_NAME.matcher(t.text()).matches()) {
            return new Expr.Variable(t.text());
        }
        throw TokenStream.error(t, "expected an expression");
    }

    private Expr unsupported(Token t, String w) {
        warnings.accept(new ConfigWarning(t.pos(), w, "expression function not implemented by Leasehold; evaluates to null"));
        return new Expr.Unsupported(w);
    }

    private Expr intFunction(Token t, boolean extract) throws ConfigException {
        in.expect("(");
        Expr e = parse();
        in.expect(",");
        long bits = in.expectNumber("an integer width (8, 16 or 32)");
        if (bits != 8 && bits != 16 && bits != 32) {
            throw new ConfigException(t.pos(), "expected an integer width of 8, 16 or 32, found " + bits);
        }
        in.expect(")");
        return extract ? new Expr.ExtractInt(e, (int) bits) : new Expr.EncodeInt(e, (int) bits);
    }

    private OptionRef optionName() throws ConfigException {
        Token name = in.expectWord("an option name");
        return options.apply(name.text().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ConfigException(name.pos(), "expected a known option name, found '" + name.text() + "'"));
    }

    private interface Builder {
        Expr build(List<Expr> args);
    }

    private Expr args(int count, Builder builder) throws ConfigException {
        Token open = in.expect("(");
        List<Expr> list = new ArrayList<>();
        if (!in.peek().is(")")) {
            list.add(parse());
            while (in.accept(",")) {
                list.add(parse());
            }
        }
        in.expect(")");
        if (count >= 0 && list.size() != count) {
            throw new ConfigException(open.pos(), "expected " + count + " arguments, found " + list.size());
        }
        return builder.build(list);
    }
}
