package org.leasehold.core.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasehold.core.internal.config.OptionResolvers;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigWarning;
import org.leasehold.core.internal.syntax.Lexer;
import org.leasehold.core.internal.syntax.TokenStream;
import org.leasehold.core.internal.value.Bytes;

/** The dhcp-eval(5) words about the lease, and variable references, with and without a lease at hand. */
class LeaseWordsTest {

    private final List<ConfigWarning> warnings = new ArrayList<>();

    private Expr parse(String text, boolean variables) throws ConfigException {
        TokenStream in = new TokenStream(new Lexer("t", text).tokens(), text);
        ExprParser p = new ExprParser(in, OptionResolvers.standard()::lookup, warnings::add);
        return (variables ? p.withVariables() : p).parse();
    }

    /** A packet with a lease: 3600 s left, host "h", fixed, variable clip. */
    private static final PacketView LEASE = new PacketView() {
        private final Map<String, String> vars = Map.of("clip", "198.51.100.7");

        public Optional<Bytes> option(String space, int code) {
            return Optional.empty();
        }

        public Bytes hardware() {
            return Bytes.parseColonHex("1:2:0:0:0:0:1");
        }

        public Optional<Bytes> variable(String name) {
            return Optional.ofNullable(vars.get(name)).map(Bytes::of);
        }

        public Optional<Long> leaseTime() {
            return Optional.of(3600L);
        }

        public Optional<String> hostDeclName() {
            return Optional.of("h");
        }

        public Optional<Boolean> staticLease() {
            return Optional.of(true);
        }
    };

    private final FakePacket noLease = FakePacket.ethernet("08:00:2b:4c:39:ad");

    @Test
    void theWordsReadTheLease() throws Exception {
        assertThat(parse("lease-time = 3600", false).eval(LEASE).isTrue()).isTrue();
        assertThat(parse("host-decl-name = \"h\"", false).eval(LEASE).isTrue()).isTrue();
        assertThat(parse("static", false).eval(LEASE).isTrue()).isTrue();
        assertThat(parse("clip = \"198.51.100.7\"", true).eval(LEASE).isTrue()).isTrue();
        assertThat(parse("concat (\"ip \", clip)", true).eval(LEASE).dataOrNull()).isEqualTo(Bytes.of("ip 198.51.100.7"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutALeaseTheyAreNullOrFalseAsInIsc() throws Exception {
        assertThat(parse("lease-time", false).eval(noLease)).isEqualTo(Value.NULL);
        assertThat(parse("host-decl-name", false).eval(noLease)).isEqualTo(Value.NULL);
        assertThat(parse("static", false).eval(noLease)).isEqualTo(Value.of(false));
        assertThat(parse("unset-name", true).eval(LEASE)).isEqualTo(Value.NULL);
        // dhcpd has no client state (common/tree.c reads dhclient's): null even with a lease
        assertThat(parse("client-state", false).eval(LEASE)).isEqualTo(Value.NULL);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aBareNameIsAnErrorOutsideEventBlocks() {
        assertThatThrownBy(() -> parse("clip = \"x\"", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected an expression");
    }
}
