package org.leasehold.core.internal.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.FakePacket;
import org.junit.jupiter.api.Test;

class SubnetSelectorTest {

    private static Inet4Address ip(String s) {
        return Ipv4.of(Ipv4.parse(s));
    }

    @Test
    void mostSpecificSubnetContainingTheLinkAddressWins() throws Exception {
        DhcpConfig config = ConfigParser.parse("s.conf", """
                subnet 10.0.0.0 netmask 255.0.0.0 { }
                subnet 10.1.0.0 netmask 255.255.0.0 { }
                """);

        assertThat(SubnetSelector.select(config, ip("10.1.2.3")).map(SubnetDecl::id)).contains("10.1.0.0/16");
        assertThat(SubnetSelector.select(config, ip("10.2.2.3")).map(SubnetDecl::id)).contains("10.0.0.0/8");
        assertThat(SubnetSelector.select(config, ip("192.168.1.1"))).isEmpty();
    }

    @Test
    void linkAddressPrecedenceIsSubnetSelectionThenLinkSelectionThenGiaddrThenInterface() {
        Inet4Address none = ip("0.0.0.0");
        Inet4Address iface = ip("127.0.0.1");
        FakePacket plain = new FakePacket();
        FakePacket linkSel = new FakePacket().with("agent", 5, Bytes.parseColonHex("0a:02:00:00"));
        FakePacket both = new FakePacket().with("agent", 5, Bytes.parseColonHex("0a:02:00:00"))
                .with("dhcp", 118, Bytes.parseColonHex("0a:03:00:00"));

        assertThat(SubnetSelector.linkAddress(plain, none, iface)).isEqualTo(iface);
        assertThat(SubnetSelector.linkAddress(plain, ip("10.1.0.1"), iface)).isEqualTo(ip("10.1.0.1"));
        assertThat(SubnetSelector.linkAddress(linkSel, ip("10.1.0.1"), iface)).isEqualTo(ip("10.2.0.0"));
        assertThat(SubnetSelector.linkAddress(both, ip("10.1.0.1"), iface)).isEqualTo(ip("10.3.0.0"));
    }
}
