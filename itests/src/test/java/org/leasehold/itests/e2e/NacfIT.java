package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NACF end to end: the built distribution with {@code leasehold-option82} and {@code leasehold-nacf}
 * installed at run time, ISC dhclient behind ISC {@code dhcrelay -a}, Kea's perfdhcp for load, and the
 * project's CLF simulator (run from the distribution's jar) in the server's namespace. Checked: a
 * relayed DORA gives one attach with the address, the circuit-id a vendor rule rebuilt, the remote-id
 * and the network type (and a pool chosen by a class matching that identity); release and expiry
 * give detaches; pulls; malformed and forged CLF messages reset the connection; heartbeat loss is
 * declared after the configured misses; the CLF killed under load: DHCP keeps answering and the queued
 * pushes arrive, none lost, or all counted as dropped; sync mode with its fallbacks; ACK latency
 * measured in async and sync mode with a CLF answering in 1 s; uninstall and reinstall keep every lease.
 *
 * <p>Root only; needs isc-dhcp-client, isc-dhcp-relay, kea-admin (perfdhcp), iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=NacfIT}. Work files (the simulator's log with a
 * timestamp per line, perfdhcp reports, the measured figures in {@code figures.txt}, the server's
 * console log) stay in {@code itests/target/e2e-nacf-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class NacfIT {

    private static final Logger LOG = LoggerFactory.getLogger(NacfIT.class);
    private static final List<String> TOOLS = List.of("ip", "dhclient", "dhcrelay", "perfdhcp");
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SECRET = "e2e-a2-secret";
    private static final int CLF_PORT = 3097;
    private static final String PERF_IP = "198.18.0.2";

    private static final String DHCPD_CONF = """
            authoritative;
            ping-check false;
            default-lease-time 600;
            max-lease-time 7200;
            # the pool of a relay port is chosen by the identity the Option 82 rule rebuilt
            class "access-7" { match if attribute "option82.circuit-id" ~= "^access-7/"; }
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.9.250;
              option routers 198.18.0.1;
            }
            subnet 198.51.100.0 netmask 255.255.255.0 {
              default-lease-time 20;
              max-lease-time 20;
              option routers 198.51.100.1;
              pool { range 198.51.100.100 198.51.100.119; allow members of "access-7"; }
              pool { range 198.51.100.150 198.51.100.200; deny members of "access-7"; }
            }
            """;

    /** A vendor rule: dhcrelay -a's circuit-id is the interface name ("rel0"); the CLF wants access-7/port-N. */
    private static final String OPTION82_CFG = """
            rule.1.name = access7
            rule.1.giaddr = 198.51.100.1
            rule.1.circuit-id = text (?<ifname>[a-z]+)(?<port>\\\\d+)
            rule.1.output.circuit-id = access-7/port-{port}
            rule.1.output.remote-id = relay-{giaddr}
            """;

    private Path work;
    private TestNetwork net;
    private LeaseholdServer server;
    private ClfSimulatorProcess clf;
    private Process relay;
    private final StringBuilder figures = new StringBuilder();
    private int simulators;

    @BeforeAll
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : TOOLS) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-nacf-");
        for (String r : List.of("scenario.sh", "txoff.py", "org.leasehold.core.cfg")) {
            try (InputStream in = NacfIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        TestNetwork.exec(net.client(), "ip", "addr", "add", PERF_IP + "/16", "dev", "cli0");
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.copy(work.resolve("org.leasehold.core.cfg"), server.home().resolve("etc/org.leasehold.core.cfg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        server.writeFile("etc/dhcpd.conf", DHCPD_CONF);
        server.writeFile("etc/org.leasehold.option82.cfg", OPTION82_CFG);
        clf = startClf();
        server.start(67);
        relay = new ProcessBuilder(Exec.inNs(net.relay(), "dhcrelay", "-4", "-d", "-a", "-iu", "rel1", "-id", "rel0",
                "-pf", work.resolve("dhcrelay.pid").toString(), TestNetwork.SERVER_IP))
                .redirectErrorStream(true).redirectOutput(work.resolve("dhcrelay.log").toFile()).start();
        Awaitility.await("dhcrelay listening").atMost(Duration.ofSeconds(20)).until(() ->
                Exec.run(Duration.ofSeconds(10), null, Exec.inNs(net.relay(), "ss", "-Hlun", "sport = :67"))
                        .output().contains(":67"));
        // installed while the server runs, then configured: nothing restarts
        server.installFeatures("leasehold-option82", "leasehold-nacf");
        writeNacfConfig(Map.of());
        awaitNacf("state", "connected");
        clf.await("a NACF", l -> l.startsWith("CONNECTED "), WAIT);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (work != null && figures.length() > 0) {
                Files.writeString(work.resolve("figures.txt"), figures);
                LOG.info("NACF figures:\n{}", figures);
            }
            Exec.stop(relay, Duration.ofSeconds(10));
            if (clf != null) {
                clf.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    private ClfSimulatorProcess startClf() throws Exception {
        return ClfSimulatorProcess.start(net.server(), ClfSimulatorProcess.jar(server.home()), CLF_PORT, SECRET,
                work.resolve("clf-" + (++simulators) + ".log"));
    }

    /** Writes etc/org.leasehold.nacf.cfg: the base settings with {@code extra} on top. */
    private void writeNacfConfig(Map<String, String> extra) throws Exception {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("clf.host", "127.0.0.1");
        cfg.put("clf.port", Integer.toString(CLF_PORT));
        cfg.put("secret", SECRET);
        cfg.put("mode", "async");
        cfg.put("heartbeat.interval.ms", "500");
        cfg.put("heartbeat.misses", "3");
        cfg.put("reconnect.min.ms", "200");
        cfg.put("reconnect.max.ms", "1000");
        cfg.put("network.type", "ethernet");
        cfg.put("network.type.access7", "vdsl2");
        cfg.putAll(extra);
        StringBuilder b = new StringBuilder();
        cfg.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        server.writeFile("etc/org.leasehold.nacf.cfg", b.toString());
    }

    private Map<String, String> nacfStatus() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : server.console("dhcp:nacf-status").output().split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
            }
        }
        return m;
    }

    private void awaitNacf(String key, String valuePrefix) {
        Awaitility.await("nacf " + key + " " + valuePrefix).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> nacfStatus().getOrDefault(key, "").startsWith(valuePrefix));
    }

    private long counter(String key) throws Exception {
        return Long.parseLong(nacfStatus().getOrDefault(key, "-1"));
    }

    /** dhclient behind the relay through acquire (and, unless {@code keep}, renew and release). */
    private String relayedDhclient(String mac, String name, boolean release) throws Exception {
        net.setMac(net.relayedClient(), "cli2", mac);
        try (ClientRun run = ClientRun.start(net.relayedClient(), work.resolve("scenario.sh"), "dhclient", "cli2",
                work.resolve(name), 20)) {
            Optional<String> renew = run.awaitStep("renew", STEP);
            assertThat(renew).as("acquire:%n%s%n%s", run.transcript(), server.log()).isPresent();
            String ip = ClientRun.ipOf(renew.get()).orElseThrow();
            if (!release) {
                return ip;          // closing the run kills dhclient: no RELEASE, the lease runs out
            }
            run.proceed();
            assertThat(run.awaitStep("release", STEP)).as(run.transcript()).isPresent();
            run.proceed();
            assertThat(run.finish(STEP)).as(run.transcript()).isZero();
            return ip;
        }
    }

    private static String ipField(String ip) {
        return "ip=" + ip + " ";
    }

    @Test
    @Order(1)
    void aRelayedDoraAttachesWithTheRuleLocationAndTheReleaseDetaches() throws Exception {
        String mac = "02:00:00:00:16:01";
        String ip = relayedDhclient(mac, "dhclient-attach", true);
        assertThat(ip).as("the class matching option82.circuit-id chose the access-7 pool")
                .matches("198\\.51\\.100\\.1(0\\d|1\\d)");
        String attach = clf.await("attach of " + ip, l -> l.startsWith("RECV ATTACH ") && l.contains(ipField(ip)), WAIT);
        assertThat(attach).contains("circuit-id=access-7/port-0", "remote-id=relay-198.51.100.1",
                "network-type=vdsl2", "mac=" + mac, "topology-zone=198.51.100.0/24",
                // the address space of the class the identity matched is the address realm (IP addressing zone)
                "realm=access-7");
        String detach = clf.await("detach of " + ip, l -> l.startsWith("RECV DETACH ") && l.contains(ipField(ip)), WAIT);
        assertThat(detach).contains("reason=\"released\"", "circuit-id=access-7/port-0", "mac=" + mac);
        assertThat(clf.received("ATTACH")).filteredOn(l -> l.contains(ipField(ip)))
                .as("the renewal at the same place pushed nothing").hasSize(1);
    }

    @Test
    @Order(2)
    void anExpiredLeaseIsDetached() throws Exception {
        String ip = relayedDhclient("02:00:00:00:16:02", "dhclient-expire", false);
        clf.await("attach of " + ip, l -> l.startsWith("RECV ATTACH ") && l.contains(ipField(ip)), WAIT);
        String detach = clf.await("expiry detach of " + ip,
                l -> l.startsWith("RECV DETACH ") && l.contains(ipField(ip)), Duration.ofSeconds(90));
        assertThat(detach).contains("reason=\"expired\"", "circuit-id=access-7/port-0");
    }

    @Test
    @Order(3)
    void aPullReturnsTheBindingOfAnActiveAddressAndTheDefinedErrorForAnUnknownOne() throws Exception {
        String out = server.console("dhcp:probe --relay 198.51.100.1 --circuit-id rel9 --mac 02:00:00:00:16:03")
                .check().output();
        Matcher m = Pattern.compile("REQUEST: ACK yiaddr=(\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String ip = m.group(1);
        clf.command("pull " + ip + " default");
        String otherRealm = clf.await("pull answer " + ip + " in the default realm",
                l -> l.startsWith("PULL-ANSWER ") && l.contains(ipField(ip)), WAIT);
        assertThat(otherRealm).as("the address is leased in realm access-7, not in the default one").contains("result=1");
        clf.clear();
        clf.command("pull " + ip + " access-7");
        String known = clf.await("pull answer " + ip, l -> l.startsWith("PULL-ANSWER ") && l.contains(ipField(ip)), WAIT);
        assertThat(known).contains("result=0", "circuit-id=access-7/port-9", "mac=02:00:00:00:16:03");
        clf.command("pull 198.51.100.99");
        String unknown = clf.await("pull answer unknown", l -> l.startsWith("PULL-ANSWER ")
                && l.contains(ipField("198.51.100.99")), WAIT);
        assertThat(unknown).contains("PULL_ANSWER", "result=1", "no active binding");
        assertThat(counter("pulls-answered")).isEqualTo(1);
        assertThat(counter("pulls-unknown")).isEqualTo(2);
    }

    @Test
    @Order(4)
    void malformedAndForgedClfMessagesResetTheConnectionNeverTheServer() throws Exception {
        long connects = counter("connects");
        clf.command("garbage");
        Awaitility.await("reset after garbage").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> counter("protocol-resets") == 1 && counter("connects") == connects + 1);
        clf.command("forge");
        Awaitility.await("reset after forgery").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> counter("protocol-resets") == 2 && counter("connects") == connects + 2);
        assertThat(server.log()).contains("unknown message code 238").contains("authenticator does not match");
        assertThat(server.alive()).isTrue();
        assertThat(server.console("dhcp:probe --relay 198.51.100.1 --circuit-id rel9 --mac 02:00:00:00:16:04")
                .check().output()).contains("REQUEST: ACK");
    }

    @Test
    @Order(5)
    void heartbeatLossIsDeclaredAfterTheConfiguredMisses() throws Exception {
        long down = counter("clf-down");
        long missed = counter("heartbeats-missed");
        long t0 = System.nanoTime();
        clf.command("heartbeat off");
        Awaitility.await("CLF declared down").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> counter("clf-down") >= down + 1);
        long detectedMs = (System.nanoTime() - t0) / 1_000_000;
        figures.append("heartbeat loss: interval 500 ms x 3 misses; CLF declared down ").append(detectedMs)
                .append(" ms after the simulator stopped answering (console polling adds up to ~1 s)\n");
        assertThat(counter("heartbeats-missed") - missed).isGreaterThanOrEqualTo(3);
        assertThat(server.log()).contains("is down: 3 heartbeat(s) in a row unanswered");
        clf.command("heartbeat on");
        awaitNacf("state", "connected");
    }

    @Test
    @Order(6)
    void asyncAckLatencyIsMeasuredWithAClfAnsweringAtOnceAndInOneSecond() throws Exception {
        Perfdhcp.Report fast = perf(20, 6, 200, "02:00:00:31:00:00", "async-delay0");
        clf.command("delay 1000");
        long answeredBefore = counter("answered");
        Perfdhcp.Report slow = perf(20, 6, 200, "02:00:00:32:00:00", "async-delay1000");
        figures.append(String.format("async ACK latency (perfdhcp REQUEST-ACK, 20 DORA/s, 6 s): CLF at once: "
                + "avg %.3f ms (min %.3f, max %.3f, %d/%d); CLF answering in 1 s: avg %.3f ms (min %.3f, max %.3f, %d/%d)%n",
                fast.avgMs(), fast.minMs(), fast.maxMs(), fast.received(), fast.sent(), slow.avgMs(), slow.minMs(),
                slow.maxMs(), slow.received(), slow.sent()));
        assertThat(slow.received()).as(slow.text()).isPositive();
        // the slow CLF's answers do come, a second later each
        Awaitility.await("slow answers").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> counter("answered") >= answeredBefore + slow.received());
        clf.command("delay 0");
    }

    private Perfdhcp.Report perf(int rate, int seconds, int clients, String macBase, String name) throws Exception {
        Perfdhcp p = Perfdhcp.start(net.client(), PERF_IP, TestNetwork.SERVER_IP, rate, seconds, clients, macBase,
                work.resolve("perfdhcp-" + name + ".txt"));
        return p.finish(Duration.ofSeconds(seconds + 60L));
    }

    @Test
    @Order(7)
    void theClfKilledUnderLoadDhcpKeepsAnsweringAndTheQueuedPushesArriveInOrderNoneLost() throws Exception {
        long dropped = counter("dropped");
        Perfdhcp load = Perfdhcp.start(net.client(), PERF_IP, TestNetwork.SERVER_IP, 40, 12, 400, "02:00:00:33:00:00",
                work.resolve("perfdhcp-clf-killed.txt"));
        ClfSimulatorProcess first = clf;
        Awaitility.await("load arriving").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> first.received("ATTACH").stream().anyMatch(l -> l.contains("mac=02:00:00:33:")));
        first.kill();
        Awaitility.await("pushes queued while the CLF is dead").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> Long.parseLong(nacfStatus().getOrDefault("queued", "0")) >= 20);
        clf = startClf();
        Perfdhcp.Report r = load.finish(Duration.ofSeconds(90));
        figures.append(String.format("CLF killed under load (perfdhcp 40 DORA/s, 12 s): REQUEST-ACK %d/%d answered, avg %.3f ms%n",
                r.received(), r.sent(), r.avgMs()));
        assertThat(r.answeredShare()).as("DHCP kept answering with the CLF dead:%n%s", r.text()).isGreaterThan(0.9);
        Awaitility.await("queue drained").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, String> s = nacfStatus();
            return "0".equals(s.get("queued")) && "0".equals(s.get("in-flight"));
        });
        assertThat(counter("dropped")).isEqualTo(dropped);
        assertThat(counter("unanswered")).isZero();
        // every lease perfdhcp got was attached at the old CLF (answered) or at the new one
        Set<String> attached = new HashSet<>();
        for (ClfSimulatorProcess s : List.of(first, clf)) {
            s.received("ATTACH").stream().filter(l -> l.contains("mac=02:00:00:33:")).map(NacfIT::ipOf)
                    .forEach(attached::add);
        }
        List<String> leased = activeLeases("mac=02:00:00:33:");
        assertThat(attached).containsAll(leased);
        // and the new CLF got the queue in commit order
        List<Long> starts = clf.received("ATTACH").stream().filter(l -> l.contains("mac=02:00:00:33:"))
                .map(l -> Long.parseLong(l.replaceAll(".* start=(\\d+).*", "$1"))).toList();
        assertThat(starts).isNotEmpty().isSorted();
    }

    /** Addresses of active leases whose hardware address starts like the perfdhcp MAC base in {@code macField}. */
    private List<String> activeLeases(String macField) throws Exception {
        String macPrefix = macField.substring("mac=".length()).toLowerCase();
        return server.console("dhcp:status --leases").check().output().lines()
                .filter(l -> l.toLowerCase().contains(macPrefix) && l.toLowerCase().contains("active"))
                .map(l -> l.trim().split("[\\s|]+")[0].replaceAll("^.*:", "")).toList();
    }

    private static String ipOf(String line) {
        return line.replaceAll(".* ip=(\\S+) .*", "$1");
    }

    @Test
    @Order(8)
    void withOutageDropEveryPushWhileTheClfIsDeadIsCountedAsDropped() throws Exception {
        writeNacfConfig(Map.of("outage", "drop"));
        awaitNacf("outage", "drop");
        awaitNacf("state", "connected");
        long dropped = counter("dropped");
        clf.kill();
        Awaitility.await("NACF sees the CLF gone").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> !"connected".equals(nacfStatus().get("state")));
        for (int i = 1; i <= 3; i++) {
            assertThat(server.console("dhcp:probe --relay 198.51.100.1 --circuit-id rel" + i + " --mac 02:00:00:00:17:0"
                    + i).check().output()).contains("REQUEST: ACK");
        }
        Awaitility.await("drops counted").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> counter("dropped") >= dropped + 3);
        assertThat(nacfStatus().get("queued")).isEqualTo("0");
        clf = startClf();
        writeNacfConfig(Map.of());
        awaitNacf("outage", "queue");
        awaitNacf("state", "connected");
    }

    @Test
    @Order(9)
    void syncModeTheAckWaitsForTheClfAndFallsBackAsConfigured() throws Exception {
        writeNacfConfig(Map.of("mode", "sync", "sync.timeout.ms", "1500", "sync.fallback", "drop"));
        awaitNacf("mode", "sync");
        awaitNacf("state", "connected");
        // the CLF answers: the ACK comes (a real dhclient through the relay)
        String ip = relayedDhclient("02:00:00:00:18:01", "dhclient-sync", true);
        String attach = clf.await("sync attach", l -> l.startsWith("RECV ATTACH ") && l.contains(ipField(ip)), WAIT);
        assertThat(attach).contains("circuit-id=access-7/port-0");
        assertThat(counter("sync-answered")).isPositive();
        // the CLF silent past the timer, fallback drop: no ACK, nothing stored
        clf.command("drop on");
        String dropped = server.console("dhcp:probe --relay 198.51.100.1 --circuit-id rel5 --mac 02:00:00:00:18:02"
                + " --timeout 4").output();
        assertThat(dropped).contains("REQUEST: no answer");
        assertThat(counter("sync-fallback-drop")).isEqualTo(1);
        assertThat(activeLeases("mac=02:00:00:00:18:02")).isEmpty();
        // fallback grant: the ACK comes after the timer although the CLF never answers
        writeNacfConfig(Map.of("mode", "sync", "sync.timeout.ms", "1500", "sync.fallback", "grant"));
        awaitNacf("mode", "sync (1500 ms, then grant)");
        awaitNacf("state", "connected");
        String granted = server.console("dhcp:probe --relay 198.51.100.1 --circuit-id rel6 --mac 02:00:00:00:18:03"
                + " --timeout 4").check().output();
        assertThat(granted).contains("REQUEST: ACK");
        assertThat(counter("sync-fallback-grant")).isEqualTo(1);
        clf.command("drop off");
        // measured: sync ACK latency with a CLF answering in 1 s (timer 1.5 s)
        clf.command("delay 1000");
        Perfdhcp.Report r = perf(10, 5, 100, "02:00:00:34:00:00", "sync-delay1000");
        figures.append(String.format("sync ACK latency, CLF answering in 1 s, timer 1.5 s (perfdhcp REQUEST-ACK, 10 DORA/s,"
                + " 5 s): avg %.3f ms (min %.3f, max %.3f, %d/%d)%n", r.avgMs(), r.minMs(), r.maxMs(), r.received(), r.sent()));
        assertThat(r.received()).as(r.text()).isPositive();
        clf.command("delay 0");
        writeNacfConfig(Map.of());
        awaitNacf("mode", "async");
    }

    @Test
    @Order(10)
    void uninstallAndReinstallAtRunTimeKeepEveryLeaseAndResyncPushesThemAll() throws Exception {
        awaitNacf("state", "connected");
        List<String> before = activeLeases("mac=02:00:00:3");
        assertThat(before).isNotEmpty();
        clf.clear();
        server.console("feature:uninstall leasehold-nacf").check();
        clf.await("the NACF left", l -> l.startsWith("DISCONNECTED "), WAIT);
        assertThat(server.console("dhcp:nacf-status").output()).doesNotContain("state = ");
        assertThat(server.console("dhcp:probe --relay 198.51.100.1 --circuit-id rel3 --mac 02:00:00:00:19:01")
                .check().output()).contains("REQUEST: ACK");
        assertThat(activeLeases("mac=02:00:00:3")).containsAll(before);
        server.installFeatures("leasehold-nacf");
        awaitNacf("state", "connected");
        clf.clear();
        String out = server.console("dhcp:nacf-resync").check().output();
        Matcher m = Pattern.compile("(\\d+) attach").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        int n = Integer.parseInt(m.group(1));
        assertThat(n).isGreaterThanOrEqualTo(before.size());
        Awaitility.await("resync attaches").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> clf.received("ATTACH").stream().filter(l -> l.contains("reason=\"resync\"")).count() == n);
        assertThat(activeLeases("mac=02:00:00:3")).containsAll(before);
    }
}
