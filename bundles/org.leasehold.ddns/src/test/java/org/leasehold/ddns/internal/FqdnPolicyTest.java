package org.leasehold.ddns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import org.leasehold.api.config.ConfigParameters;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.option.ClientFqdn;
import org.leasehold.ddns.internal.FqdnPolicy.Decision;
import org.leasehold.ddns.internal.config.DdnsConfigReader;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.junit.jupiter.api.Test;

/** Name choice and option 81 answers (RFC 4702 §4) over configurations read by the real parser. */
class FqdnPolicyTest {

    private static final byte[] MAC = {2, 0, 0, 0, 0x0c, 0x41};

    static Lease lease(String address, String pool) throws Exception {
        return Lease.builder(LeaseKey.of((Inet4Address) InetAddress.getByName(address))).state(LeaseState.ACTIVE)
                .client(ClientKey.ofHardware(1, MAC)).start(1000).end(1000 + 7200).subnet("198.18.0.0/16").pool(pool)
                .build();
    }

    private static Decision decide(String extra, DhcpMessage request, Optional<ClientFqdn> fqdn, String pool)
            throws Exception {
        DhcpdConf conf = Confs.parse(Confs.standard("standard", "127.0.0.1", extra));
        DdnsSettings settings = DdnsConfigReader.read(conf).settings();
        ConfigParameters p = conf.parameters("198.18.0.0/16", "198.18.0.0/16#1");
        return FqdnPolicy.decide(settings, p, request, fqdn, lease("198.18.1.5", pool));
    }

    private static Decision decide(String extra, DhcpMessage request) throws Exception {
        return decide(extra, request, FqdnPolicy.clientFqdn(request), "198.18.0.0/16#1");
    }

    private static DhcpMessage request(ClientFqdn fqdn, String hostName) {
        DhcpMessage.Builder b = DhcpMessage.builder().chaddr(MAC);
        if (fqdn != null) {
            b.option(DhcpOption.of(81, fqdn.encode()));
        }
        if (hostName != null) {
            b.option(DhcpOption.ofText(12, hostName));
        }
        return b.build();
    }

    @Test
    void hostNameOptionIsTheFallback() throws Exception {
        Decision d = decide("", request(null, "Laptop_7"));
        assertThat(d.name()).isEqualTo("laptop-7.example.test");
        DnsBinding b = d.binding().orElseThrow();
        assertThat(b.forwardName()).contains("laptop-7.example.test");
        assertThat(b.reverseName()).contains("5.1.18.198.in-addr.arpa");
        assertThat(b.state()).isEqualTo(DnsBinding.State.PENDING);
        assertThat(b.identity()).isPresent();
        assertThat(d.reply()).isEmpty();
    }

    @Test
    void serverUpdatesWhenTheClientSetsS() throws Exception {
        ClientFqdn asked = new ClientFqdn(ClientFqdn.FLAG_S | ClientFqdn.FLAG_E, 0, 0, "pc1.other.test.");
        Decision d = decide("", request(asked, "ignored"));
        // ISC takes the host label from option 81 and the domain from ddns-domainname
        assertThat(d.name()).isEqualTo("pc1.example.test");
        ClientFqdn reply = d.reply().orElseThrow();
        assertThat(reply.flags()).isEqualTo(ClientFqdn.FLAG_S | ClientFqdn.FLAG_E);
        assertThat(reply.rcode1()).isEqualTo(255);
        assertThat(reply.name()).isEqualTo("pc1.example.test.");
    }

    @Test
    void clientThatUpdatesItsOwnARecordGetsOnlyThePtr() throws Exception {
        ClientFqdn asked = new ClientFqdn(ClientFqdn.FLAG_E, 0, 0, "self.client.test.");
        Decision d = decide("", request(asked, null));
        DnsBinding b = d.binding().orElseThrow();
        assertThat(b.forwardName()).isEmpty();
        assertThat(b.clientFqdn()).contains("self.client.test");
        assertThat(b.ptrTarget()).contains("self.client.test");
        assertThat(d.reply().orElseThrow().flags()).isEqualTo(ClientFqdn.FLAG_E);
    }

    @Test
    void denyClientUpdatesOverridesWithO() throws Exception {
        ClientFqdn asked = new ClientFqdn(0, 0, 0, "self");
        Decision d = decide("deny client-updates;\n", request(asked, null));
        assertThat(d.binding().orElseThrow().forwardName()).contains("self.example.test");
        ClientFqdn reply = d.reply().orElseThrow();
        assertThat(reply.flags()).isEqualTo(ClientFqdn.FLAG_S | ClientFqdn.FLAG_O);
        assertThat(reply.encoded()).isFalse();
        assertThat(reply.name()).isEqualTo("self.example.test");
        assertThat(ClientFqdn.decode(reply.encode())).isEqualTo(reply);
    }

    @Test
    void ignoreClientUpdatesUpdatesAndTellsTheClientSZero() throws Exception {
        Decision d = decide("ignore client-updates;\n", request(new ClientFqdn(0, 0, 0, "self"), null));
        assertThat(d.binding().orElseThrow().forwardName()).contains("self.example.test");
        assertThat(d.reply().orElseThrow().flags()).isZero();
    }

    @Test
    void nFlagMeansNoUpdates() throws Exception {
        Decision d = decide("", request(new ClientFqdn(ClientFqdn.FLAG_N | ClientFqdn.FLAG_E, 0, 0, "quiet."), null));
        assertThat(d.binding()).isEmpty();
        assertThat(d.reply().orElseThrow().flags()).isEqualTo(ClientFqdn.FLAG_N | ClientFqdn.FLAG_E);
    }

    @Test
    void ddnsHostnameWinsAndDdnsUpdatesOffStops() throws Exception {
        assertThat(decide("ddns-hostname \"fixed\";\n", request(null, "other")).name()).isEqualTo("fixed.example.test");
        assertThat(decide("ddns-updates off;\n", request(null, "other")).binding()).isEmpty();
    }

    @Test
    void fixedAddressesNeedUpdateStaticLeases() throws Exception {
        DhcpMessage r = request(null, "printer");
        assertThat(decide("", r, Optional.empty(), "").binding()).isEmpty();
        assertThat(decide("update-static-leases on;\n", r, Optional.empty(), "").binding()).isPresent();
    }

    @Test
    void noNameNoUpdate() throws Exception {
        assertThat(decide("", request(null, null)).binding()).isEmpty();
        assertThat(decide("", request(null, "---")).binding()).isEmpty();
    }

    @Test
    void interimStyleKeepsIscsTxt() throws Exception {
        DhcpdConf conf = Confs.parse(Confs.standard("interim", "127.0.0.1", ""));
        Decision d = FqdnPolicy.decide(DdnsConfigReader.read(conf).settings(),
                conf.parameters("198.18.0.0/16", "198.18.0.0/16#1"), request(null, "pc"), Optional.empty(),
                lease("198.18.1.5", "198.18.0.0/16#1"));
        DnsBinding b = d.binding().orElseThrow();
        assertThat(b.style()).isEqualTo(DdnsSettings.Style.INTERIM);
        assertThat(b.identity().orElseThrow()).startsWith("00").hasSize(34);
        Lease l = b.applyTo(lease("198.18.1.5", "198.18.0.0/16#1"));
        assertThat(l.variables()).containsKeys("ddns-fwd-name", "ddns-rev-name", "ddns-txt", "leasehold-ddns");
        assertThat(DnsBinding.of(l)).contains(b);
        assertThat(DnsBinding.clearFrom(l).variables()).isEmpty();
    }
}
