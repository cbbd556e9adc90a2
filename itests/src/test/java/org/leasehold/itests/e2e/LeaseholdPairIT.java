package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Leasehold servers as a failover pair (split 128) under perfdhcp load from a relay address on
 * their LAN: both answer a share of the clients; the primary is killed with SIGKILL and the
 * secondary, in COMMUNICATIONS-INTERRUPTED, serves new clients from its own pool; the primary comes
 * back from its journals and both return to NORMAL. Across all of it no address is ACKed to two
 * clients (every ACK on the wire, from a capture), and every ACKed binding is on the secondary.
 *
 * <p>Root only; needs perfdhcp (kea-admin), tshark, iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=LeaseholdPairIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseholdPairIT {

    static final String PRIMARY_IP = "198.18.0.1";
    static final String SECONDARY_IP = "198.18.0.3";
    static final String GENERATOR_IP = "198.18.0.2";

    private Path work;
    private TestNetwork net;
    private String secondaryNs;
    private LeaseholdServer primary;
    private LeaseholdServer secondary;

    @BeforeAll
    void network() throws Exception {
        PairWire.PairLan lan = PairWire.lan("e2e-pair-", SECONDARY_IP, GENERATOR_IP);
        work = lan.work();
        net = lan.net();
        secondaryNs = lan.secondaryNs();
    }

    @AfterAll
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

    private LeaseholdServer server(String name, String ns, boolean isPrimary, String me, String peer) throws Exception {
        LeaseholdServer s = LeaseholdServer.unpack(work.resolve(name), ns);
        s.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
        s.writeFile("etc/dhcpd.conf", FailoverPairConf.of(isPrimary, me, peer, false, 300, 3, "198.18.2.1",
                "198.18.4.250"));
        return s;
    }

    @Test
    void pairSplitsTheLoadSurvivesAKillAndNeverAcksOneAddressTwice() throws Exception {
        primary = server("primary", net.server(), true, PRIMARY_IP, SECONDARY_IP);
        secondary = server("secondary", secondaryNs, false, SECONDARY_IP, PRIMARY_IP);
        primary.start(67);
        secondary.start(67);
        primary.installFeatures("leasehold-failover");
        secondary.installFeatures("leasehold-failover");
        awaitNormal();

        Map<String, String> acks = new HashMap<>();
        Set<String> servers = new HashSet<>();
        try (PacketCapture cap = PacketCapture.start(net.client(), "cli0", work.resolve("phase1.pcap"))) {
            perfdhcp("00:00:00:00:00:00", "phase1");
        }
        PairWire.collectAcks(work.resolve("phase1.pcap"), acks, servers);
        assertThat(servers).as("both servers answered a share of the clients").contains(PRIMARY_IP, SECONDARY_IP);

        primary.kill();
        Awaitility.await("secondary communications-interrupted").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(() -> secondary.console("dhcp:failover-status").output()
                        .matches("(?s).*harness-fo\\.state\\s+communications-interrupted.*"));
        Set<String> alone = new HashSet<>();
        try (PacketCapture cap = PacketCapture.start(net.client(), "cli0", work.resolve("phase2.pcap"))) {
            perfdhcp("00:00:00:10:00:00", "phase2");
        }
        PairWire.collectAcks(work.resolve("phase2.pcap"), acks, alone);
        assertThat(alone).as("only the secondary answered while the primary was down").containsExactly(SECONDARY_IP);

        primary.start(67);
        awaitNormal();
        Map<String, String> known = PairWire.bindings(secondary, "active");
        assertThat(acks).as("ACKed leases the secondary knows").isNotEmpty();
        acks.forEach((address, mac) -> assertThat(known.get(address)).as("binding of " + address).isEqualTo(mac));
    }

    private void awaitNormal() {
        Awaitility.await("both servers normal").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> normal(primary) && normal(secondary));
    }

    private static boolean normal(LeaseholdServer s) throws Exception {
        return PairWire.states(s, "harness-fo", "normal", "normal");
    }

    /** 8 s of DORA at 40/s for up to 150 clients from MAC base {@code mac}, broadcast on the LAN. */
    private void perfdhcp(String mac, String label) throws Exception {
        PairWire.perfdhcp(net.client(), "cli0", mac, 40, 150, 8, work.resolve(label + "-perfdhcp.txt"));
    }
}
