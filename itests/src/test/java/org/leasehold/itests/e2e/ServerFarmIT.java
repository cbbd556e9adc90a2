package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A server farm of two Leasehold failover pairs behind one ISC {@code dhcrelay}, which forwards every
 * client's broadcast to all four servers. Each pair carries a {@code server-hba} of half the hash
 * buckets (the farm level), and inside each pair {@code split 128} divides that half between primary
 * and secondary. From a capture of every server answer on the relay's upstream side: each client is
 * answered by servers of exactly one pair, each pair takes a share of the clients, and inside each
 * pair both servers answer (the two levels hash independently).
 *
 * <p>Root only; needs perfdhcp (kea-admin), dhcrelay, tshark, iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=ServerFarmIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerFarmIT {

    static final String A1 = "198.18.0.1";
    static final String A2 = "198.18.0.3";
    static final String B1 = "198.18.0.5";
    static final String B2 = "198.18.0.7";
    static final String GENERATOR_IP = "198.51.100.250";
    static final String FIRST_HALF = "ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:"
            + "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00";
    static final String SECOND_HALF = "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:"
            + "ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff";

    private Path work;
    private TestNetwork net;
    private final List<LeaseholdServer> servers = new ArrayList<>();
    private Process relay;

    @BeforeAll
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "perfdhcp", "dhcrelay", "tshark", "dumpcap")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = TestNetwork.workDir("e2e-farm-");
        net = TestNetwork.create(work.resolve("txoff.py"));
        // perfdhcp sends from an address of its interface; outside both pairs' ranges
        TestNetwork.exec(net.relayedClient(), "ip", "addr", "add", GENERATOR_IP + "/24", "dev", "cli2");
    }

    @AfterAll
    void stop() throws Exception {
        if (relay != null) {
            relay.destroyForcibly().waitFor();
        }
        for (LeaseholdServer s : servers) {
            s.close();
        }
        if (net != null) {
            net.close();
        }
    }

    /** One server of pair {@code pair}: its half of the farm, its half of the pair, its own range. */
    private LeaseholdServer server(String name, String ns, String pair, boolean primary, String me, String peer,
            String farmHba, String range) throws Exception {
        LeaseholdServer s = LeaseholdServer.unpack(work.resolve(name), ns);
        s.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
        s.writeFile("etc/dhcpd.conf", """
                authoritative;
                ping-check false;
                default-lease-time 600;
                max-lease-time 7200;
                server-hba %s;
                failover peer "%s" {
                  %s;
                  address %s;
                  port %d;
                  peer address %s;
                  peer port %d;
                  max-response-delay 5;
                  max-unacked-updates 10;
                  load balance max seconds 3;
                %s}
                subnet 198.18.0.0 netmask 255.255.0.0 {
                }
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  option routers 198.51.100.1;
                  pool {
                    failover peer "%s";
                    range %s;
                  }
                }
                """.formatted(farmHba, pair, primary ? "primary" : "secondary", me, primary ? 647 : 847, peer,
                primary ? 847 : 647, primary ? "  mclt 300;\n  split 128;\n" : "", pair, range));
        servers.add(s);
        return s;
    }

    private String serverNs(String name, String ip) throws Exception {
        String ns = net.addServer(work.resolve("txoff.py"), name, ip);
        TestNetwork.ip("-n", ns, "route", "add", TestNetwork.RELAYED_LAN, "via", TestNetwork.RELAY_UP_IP, "dev", "srv0");
        return ns;
    }

    @Test
    void twoPairsWithHalfTheFarmEachAnswerEveryClientFromExactlyOnePair() throws Exception {
        String a1 = net.server();
        String a2 = serverNs("srv2", A2);
        String b1 = serverNs("srv3", B1);
        String b2 = serverNs("srv4", B2);
        server("a1", a1, "farm-a", true, A1, A2, FIRST_HALF, "198.51.100.10 198.51.100.109");
        server("a2", a2, "farm-a", false, A2, A1, FIRST_HALF, "198.51.100.10 198.51.100.109");
        server("b1", b1, "farm-b", true, B1, B2, SECOND_HALF, "198.51.100.110 198.51.100.209");
        server("b2", b2, "farm-b", false, B2, B1, SECOND_HALF, "198.51.100.110 198.51.100.209");
        for (LeaseholdServer s : servers) {
            s.start(67);
        }
        for (LeaseholdServer s : servers) {
            s.installFeatures("leasehold-failover");
        }
        Awaitility.await("both pairs normal").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (LeaseholdServer s : servers) {
                        if (!normal(s)) {
                            return false;
                        }
                    }
                    return true;
                });
        assertThat(servers.get(0).console("dhcp:status").output()).contains("failover.farm.server-hba")
                .contains("128 of 256 buckets");

        relay = new ProcessBuilder(Exec.inNs(net.relay(), "dhcrelay", "-4", "-d", "-a", "-iu", "rel1", "-id", "rel0",
                "-pf", work.resolve("dhcrelay.pid").toString(), A1, A2, B1, B2))
                .redirectErrorStream(true).redirectOutput(work.resolve("dhcrelay.log").toFile()).start();
        Awaitility.await("dhcrelay listening").atMost(Duration.ofSeconds(20)).until(() ->
                Exec.run(Duration.ofSeconds(10), null, Exec.inNs(net.relay(), "ss", "-Hlun", "sport = :67"))
                        .output().contains(":67"));

        Path pcap = work.resolve("farm.pcap");
        try (PacketCapture cap = PacketCapture.start(net.relay(), "rel1", pcap)) {
            Exec.Result r = Exec.run(Duration.ofSeconds(60), null, Exec.inNs(net.relayedClient(), "perfdhcp", "-4",
                    "-l", "cli2", "-B", "-r", "20", "-R", "120", "-p", "8", "-b", "mac=02:00:00:00:00:00", "-g",
                    "single", "-W", "2000000"));
            Files.writeString(work.resolve("perfdhcp.txt"), r.output());
        }

        Exec.Result r = Exec.run(Duration.ofSeconds(60), "tshark", "-n", "-r", pcap.toString(), "-Y",
                "dhcp.option.dhcp == 1 || dhcp.option.dhcp == 2 || dhcp.option.dhcp == 5", "-T", "fields", "-e",
                "ip.src", "-e", "dhcp.option.dhcp", "-e", "dhcp.hw.mac_addr", "-e", "dhcp.ip.your");
        Set<String> discovered = new HashSet<>();
        Map<String, Set<String>> answeredBy = new HashMap<>();
        Map<String, String> acked = new HashMap<>();
        for (String line : r.check().output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !f[0].matches("[0-9.]+") || !f[1].matches("[125]")) {
                continue; // tshark's own notes
            }
            if (f[1].equals("1")) {
                discovered.add(f[2]);
            } else {
                answeredBy.computeIfAbsent(f[2], k -> new HashSet<>()).add(f[0]);
                if (f[1].equals("5") && f.length == 4) {
                    String before = acked.putIfAbsent(f[3], f[2]);
                    assertThat(before == null || before.equals(f[2])).as(f[3] + " ACKed to " + before + " and "
                            + f[2]).isTrue();
                }
            }
        }
        assertThat(discovered).as("clients seen by the relay").hasSizeGreaterThan(50);
        assertThat(answeredBy.keySet()).as("clients answered").hasSizeGreaterThanOrEqualTo(discovered.size() * 95 / 100);
        Map<String, Integer> perServer = new HashMap<>();
        int pairA = 0;
        for (Map.Entry<String, Set<String>> e : answeredBy.entrySet()) {
            boolean inA = e.getValue().stream().allMatch(ip -> ip.equals(A1) || ip.equals(A2));
            boolean inB = e.getValue().stream().allMatch(ip -> ip.equals(B1) || ip.equals(B2));
            assertThat(inA || inB).as(e.getKey() + " answered by " + e.getValue() + ": servers of both pairs").isTrue();
            pairA += inA ? 1 : 0;
            e.getValue().forEach(ip -> perServer.merge(ip, 1, Integer::sum));
        }
        int total = answeredBy.size();
        assertThat(pairA).as("clients of pair A out of " + total).isBetween(total / 4, total * 3 / 4);
        assertThat(perServer.keySet()).as("inside each pair both servers answer a share").containsExactlyInAnyOrder(
                A1, A2, B1, B2);
        String status = servers.get(0).console("dhcp:status").output();
        Matcher m = Pattern.compile("packets-dropped-farm-client[\\s|]+(\\d+)").matcher(status);
        assertThat(m.find()).as("farm drop counter in dhcp:status").isTrue();
        assertThat(Long.parseLong(m.group(1))).as("DISCOVERs pair A left to pair B").isPositive();
    }

    private static boolean normal(LeaseholdServer s) throws Exception {
        String out = s.console("dhcp:failover-status").output();
        return out.matches("(?s).*\\.state\\s+normal.*") && out.matches("(?s).*partner-state\\s+normal.*");
    }
}
