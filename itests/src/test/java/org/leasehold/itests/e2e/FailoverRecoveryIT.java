package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Leasehold failover pair whose partners talk over a link of their own (a veth between the two
 * server namespaces, 198.19.255.0/30), while clients reach both on the LAN. Two stories: the link
 * between them is cut while both keep serving, and comes back; and a partner is killed, the
 * survivor moves itself to PARTNER-DOWN (auto-partner-down), serves the partner's free addresses
 * once MCLT has passed, and the partner returns through RECOVER. Across each story no address is ever
 * ACKed to two clients (every ACK on the wire, from captures) and after recovery both servers hold
 * every ACKed binding.
 *
 * <p>Root only; needs perfdhcp (kea-admin), tshark, iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=FailoverRecoveryIT}.
 */
class FailoverRecoveryIT {

    static final String PRIMARY_IP = "198.18.0.1";
    static final String SECONDARY_IP = "198.18.0.3";
    static final String GENERATOR_IP = "198.18.0.2";
    static final String PRIMARY_LINK = "198.19.255.1";
    static final String SECONDARY_LINK = "198.19.255.2";
    static final String PEER = "harness-fo";

    private Path work;
    private TestNetwork net;
    private String secondaryNs;
    private LeaseholdServer primary;
    private LeaseholdServer secondary;

    @BeforeEach
    void network() throws Exception {
        PairWire.PairLan lan = PairWire.lan("e2e-fo-recovery-", SECONDARY_IP, GENERATOR_IP);
        work = lan.work();
        net = lan.net();
        secondaryNs = lan.secondaryNs();
        // the partners' own link: failover traffic only, so it can be cut without touching the clients
        TestNetwork.ip("link", "add", "fo-a", "netns", net.server(), "type", "veth", "peer", "name", "fo-b", "netns",
                secondaryNs);
        TestNetwork.ip("-n", net.server(), "addr", "add", PRIMARY_LINK + "/30", "dev", "fo-a");
        TestNetwork.ip("-n", secondaryNs, "addr", "add", SECONDARY_LINK + "/30", "dev", "fo-b");
        TestNetwork.ip("-n", net.server(), "link", "set", "fo-a", "up");
        TestNetwork.ip("-n", secondaryNs, "link", "set", "fo-b", "up");
    }

    @AfterEach
    void stop() throws Exception {
        for (LeaseholdServer s : new LeaseholdServer[] {primary, secondary}) {
            if (s != null) {
                s.close();
            }
        }
        if (net != null) {
            net.close();
        }
    }

    private void startPair(int mclt, String extra, String first, String last) throws Exception {
        primary = server("primary", net.server(), true, PRIMARY_LINK, SECONDARY_LINK, mclt, extra, first, last);
        secondary = server("secondary", secondaryNs, false, SECONDARY_LINK, PRIMARY_LINK, mclt, extra, first, last);
        primary.start(67);
        secondary.start(67);
        primary.installFeatures("leasehold-failover");
        secondary.installFeatures("leasehold-failover");
        awaitBoth("normal", "normal", Duration.ofSeconds(90));
    }

    private LeaseholdServer server(String name, String ns, boolean isPrimary, String me, String peer, int mclt,
            String extra, String first, String last) throws Exception {
        LeaseholdServer s = LeaseholdServer.unpack(work.resolve(name), ns);
        s.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
        s.writeFile("etc/dhcpd.conf", FailoverPairConf.of(isPrimary, me, peer, false, mclt, 3, first, last, extra));
        return s;
    }

    /** Both in {@code state}; the partner states too unless they cannot tell (link cut: null). */
    private void awaitBoth(String state, String partner, Duration atMost) {
        Awaitility.await("both servers " + state).atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> PairWire.states(primary, PEER, state, partner) && PairWire.states(secondary, PEER, state,
                        partner));
    }

    /** A perfdhcp run on the LAN captured on the generator's side; its ACKs join {@code acks}. */
    private Set<String> phase(String label, String mac, int rate, int clients, int seconds, Map<String, String> acks)
            throws Exception {
        Set<String> servers = new HashSet<>();
        Path pcap = work.resolve(label + ".pcap");
        try (PacketCapture cap = PacketCapture.start(net.client(), "cli0", pcap)) {
            PairWire.perfdhcp(net.client(), "cli0", mac, rate, clients, seconds, work.resolve(label + "-perfdhcp.txt"));
        }
        PairWire.collectAcks(pcap, acks, servers);
        return servers;
    }

    @Test
    void aCutLinkLeavesBothServingAloneAndRecoveryExchangesWhatEachGave() throws Exception {
        startPair(300, "", "198.18.2.1", "198.18.4.250");
        Map<String, String> acks = new HashMap<>();
        assertThat(phase("before-cut", "02:00:00:01:00:00", 40, 150, 6, acks)).as("split 128: both answer")
                .contains(PRIMARY_IP, SECONDARY_IP);

        TestNetwork.ip("-n", net.server(), "link", "set", "fo-a", "down");
        awaitBoth("communications-interrupted", null, Duration.ofSeconds(60));
        Set<String> cut = phase("cut", "02:00:00:02:00:00", 40, 150, 6, acks);
        assertThat(cut).as("with the link cut each server serves clients from its own pool")
                .contains(PRIMARY_IP, SECONDARY_IP);

        TestNetwork.ip("-n", net.server(), "link", "set", "fo-a", "up");
        awaitBoth("normal", "normal", Duration.ofSeconds(120));
        assertThat(acks).as("ACKed leases").hasSizeGreaterThan(100);
        Awaitility.await("every ACKed binding on both servers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    Map<String, String> p = PairWire.bindings(primary, "active");
                    Map<String, String> s = PairWire.bindings(secondary, "active");
                    acks.forEach((address, mac) -> {
                        assertThat(p.get(address)).as("primary's binding of " + address).isEqualTo(mac);
                        assertThat(s.get(address)).as("secondary's binding of " + address).isEqualTo(mac);
                    });
                });
        assertThat(phase("after", "02:00:00:03:00:00", 40, 100, 4, acks)).as("back in NORMAL both split the load")
                .contains(PRIMARY_IP, SECONDARY_IP);
    }

    @Test
    void autoPartnerDownServesThePartnersAddressesAfterMcltAndRecoverBringsItBack() throws Exception {
        startPair(20, "  auto-partner-down 3;\n", "198.18.2.1", "198.18.2.40");
        Awaitility.await("the primary gave the secondary its half of the pool").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> PairWire.addresses(primary, "backup").size() >= 15);
        Set<String> partners = PairWire.addresses(primary, "backup");
        Map<String, String> acks = new HashMap<>();

        secondary.kill();
        Awaitility.await("the primary in partner-down by itself").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> PairWire.states(primary, PEER, "partner-down", null));
        AtomicInteger round = new AtomicInteger();
        Awaitility.await("after MCLT the primary gives the partner's free addresses").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    Map<String, String> got = new HashMap<>(acks);
                    Set<String> from = phase("partner-down-" + round.incrementAndGet(), "02:00:00:04:00:00", 20, 60, 3,
                            got);
                    acks.putAll(got);
                    assertThat(from).as("only the primary answers").isSubsetOf(Set.of(PRIMARY_IP));
                    return got.keySet().stream().anyMatch(partners::contains);
                });
        assertThat(acks.keySet()).as("the primary's own free addresses went first").hasSizeGreaterThan(15);

        secondary.start(67);
        awaitBoth("normal", "normal", Duration.ofSeconds(180));
        Awaitility.await("the returned partner holds every binding").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    Map<String, String> s = PairWire.bindings(secondary, "active");
                    acks.forEach((address, mac) -> assertThat(s.get(address)).as("binding of " + address)
                            .isEqualTo(mac));
                });
    }
}
