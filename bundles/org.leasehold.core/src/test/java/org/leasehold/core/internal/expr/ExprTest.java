package org.leasehold.core.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;
import org.leasehold.core.internal.value.Bytes;

import java.util.ArrayList;
import java.util.List;
import org.leasehold.core.internal.config.OptionResolvers;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigWarning;
import org.leasehold.core.internal.syntax.Lexer;
import org.leasehold.core.internal.syntax.TokenStream;
import org.junit.jupiter.api.Test;

class ExprTest {

    private final List<ConfigWarning> warnings = new ArrayList<>();

    private Expr parse(String text) throws ConfigException {
        TokenStream in = new TokenStream(new Lexer("e", text).tokens(), text);
        Expr e = new ExprParser(in, OptionResolvers.standard()::lookup, warnings::add).parse();
        assertThat(in.atEnd()).as("whole expression consumed").isTrue();
        return e;
    }

    private Value eval(String text, PacketView p) throws ConfigException {
        return parse(text).eval(p);
    }

    private final FakePacket packet = FakePacket.ethernet("08:00:2b:4c:39:ad")
            .with(60, "MSFT 5.0")
            .with(61, "RAS-client")
            .with("agent", 1, Bytes.parseColonHex("00:04:00:01"));

    @Test
    void substringSuffixConcatAndComparison() throws Exception {
        assertThat(eval("substring (option vendor-class-identifier, 0, 4) = \"MSFT\"", packet).isTrue()).isTrue();
        assertThat(eval("substring (option dhcp-client-identifier, 1, 3) = \"RAS\"", packet).isTrue()).isFalse();
        assertThat(eval("suffix(option vendor-class-identifier, 3) = \"5.0\"", packet).isTrue()).isTrue();
        assertThat(eval("concat(\"a\", substring(hardware, 1, 2), \"b\")", packet).dataOrNull())
                .isEqualTo(Bytes.parseColonHex("61:08:00:62"));
        assertThat(eval("substring(option vendor-class-identifier, 40, 2)", packet).dataOrNull().length()).isZero();
    }

    @Test
    void nullRules() throws Exception {
        assertThat(eval("concat(\"a\", option host-name)", packet)).isEqualTo(Value.NULL);
        assertThat(eval("option host-name = \"x\"", packet).isTrue()).isFalse();
        assertThat(eval("pick-first-value(option host-name, option dhcp-client-identifier, hardware)", packet)
                .dataOrNull().ascii()).isEqualTo("RAS-client");
        assertThat(eval("not exists host-name and exists agent.circuit-id", packet).isTrue()).isTrue();
        assertThat(eval("exists agent.remote-id or option vendor-class-identifier != \"x\"", packet).isTrue()).isTrue();
    }

    @Test
    void binaryToAsciiAndHardware() throws Exception {
        assertThat(eval("binary-to-ascii(16, 8, \":\", substring(hardware, 1, 6))", packet).dataOrNull().ascii())
                .isEqualTo("8:0:2b:4c:39:ad");
        assertThat(eval("binary-to-ascii(10, 16, \".\", option agent.circuit-id)", packet).dataOrNull().ascii())
                .isEqualTo("4.1");
        assertThat(eval("hardware = 1:8:0:2b:4c:39:ad", packet).isTrue()).isTrue();
    }

    @Test
    void integersRegexAndCase() throws Exception {
        assertThat(eval("extract-int(option agent.circuit-id, 16) = 4", packet).isTrue()).isTrue();
        assertThat(eval("encode-int(258, 16)", packet).dataOrNull()).isEqualTo(Bytes.parseColonHex("01:02"));
        assertThat(eval("option vendor-class-identifier ~~ \"^msft\"", packet).isTrue()).isTrue();
        assertThat(eval("option vendor-class-identifier ~= \"^msft\"", packet).isTrue()).isFalse();
        assertThat(eval("ucase(\"ab\") = \"AB\" and lcase(\"CD\") = \"cd\"", packet).isTrue()).isTrue();
        assertThat(eval("reverse(1, 1:2:3)", packet).dataOrNull()).isEqualTo(Bytes.parseColonHex("03:02:01"));
    }

    @Test
    void numericOperatorsWithIscsPrecedence() throws Exception {
        assertThat(eval("7 + 5", packet)).isEqualTo(new Value.Num(12));
        assertThat(eval("7 - 5 - 1", packet)).as("left-associative").isEqualTo(new Value.Num(1));
        assertThat(eval("2 * 3 + 4", packet)).as("ISC: + binds tighter than *").isEqualTo(new Value.Num(14));
        assertThat(eval("(2 * 3) + 4", packet)).isEqualTo(new Value.Num(10));
        assertThat(eval("17 / 5", packet)).isEqualTo(new Value.Num(3));
        assertThat(eval("17 % 5", packet)).isEqualTo(new Value.Num(2));
        assertThat(eval("12 & 10", packet)).isEqualTo(new Value.Num(8));
        assertThat(eval("12 | 3", packet)).isEqualTo(new Value.Num(15));
        assertThat(eval("12 ^ 10", packet)).isEqualTo(new Value.Num(6));
        assertThat(eval("1 + 6 & 3", packet)).as("ISC: & binds tighter than +").isEqualTo(new Value.Num(3));
        assertThat(eval("5 / 0", packet)).isEqualTo(Value.NULL);
        assertThat(eval("extract-int (substring (hardware, 1, 1), 8) + 1", packet)).isEqualTo(new Value.Num(9));
        assertThat(eval("(extract-int (substring (hardware, 1, 1), 8) * 2) = 16", packet).isTrue()).isTrue();
        assertThat(eval("option host-name + 1", packet)).as("a null side").isEqualTo(Value.NULL);
    }

    @Test
    void unsupportedFunctionIsNamedAndEvaluatesToNull() throws Exception {
        assertThat(eval("gethostbyname(\"example.org\")", packet)).isEqualTo(Value.NULL);
        assertThat(warnings).extracting(ConfigWarning::statement).containsExactly("gethostbyname");
    }

    @Test
    void unknownOptionAndBadSyntaxAreConfigErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("option no-such-option = \"x\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("e:1:8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("substring(hardware, 1)"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected 3 arguments");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("= 4"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected an expression");
    }
}
