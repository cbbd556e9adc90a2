package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasehold.core.internal.engine.EngineFixture.ip;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.engine.EngineFixture.Sent;
import org.leasehold.core.internal.syntax.ConfigException;

/** ISC's {@code host-identifier option NAME VALUE}: a host matched by an option of the request, here option 82's circuit-id. */
class HostIdentifierTest {

    private static final String CONF = """
            authoritative;
            ping-check false;
            subnet 198.51.100.0 netmask 255.255.255.0 {
              range 198.51.100.100 198.51.100.110;
            }
            host port-7 {
              host-identifier option agent.circuit-id "port-7";
              fixed-address 198.51.100.77;
              option host-name "by-port";
            }
            """;

    private static Sent discover(EngineFixture f, String mac, int xid, String circuit) {
        byte[] c = circuit.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] rai = new byte[c.length + 2];
        rai[0] = 1;
        rai[1] = (byte) c.length;
        System.arraycopy(c, 0, rai, 2, c.length);
        return f.exchange(with(request(MessageType.DISCOVER, mac, xid).giaddr(ip("198.51.100.1")).hops(1),
                DhcpOption.of(82, rai)));
    }

    @Test
    void aRelayedClientOnTheIdentifiedPortGetsTheHostsFixedAddressWhateverItsMac(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            Sent a = discover(f, "02:00:00:00:05:01", 1, "port-7");
            assertThat(a.message().yiaddr()).isEqualTo(ip("198.51.100.77"));
            assertThat(a.message().options().text(12)).contains("by-port");
            Sent b = discover(f, "02:00:00:00:05:02", 2, "port-7");
            assertThat(b.message().yiaddr()).isEqualTo(ip("198.51.100.77"));
            Sent other = discover(f, "02:00:00:00:05:03", 3, "port-8");
            assertThat(other.message().yiaddr().getHostAddress()).startsWith("198.51.100.1");
            assertThat(other.message().options().contains(12)).isFalse();
        }
    }

    @Test
    void outsideAHostItIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", "host-identifier option agent.circuit-id \"x\";\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.conf:1")
                .hasMessageContaining("only inside a host");
    }
}
