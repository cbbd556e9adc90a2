package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The built distribution with {@code leasehold-web} installed at run time, three busybox udhcpc clients
 * leasing from it (one releasing again), a real Prometheus ({@code prometheus}, Debian's package) scraping
 * its endpoint, and the status page loaded in headless Chromium: Prometheus's HTTP API answers the
 * leases-per-state and pool-utilisation series with the values {@code dhcp:pool-stats} and the lease
 * table have, the page's dumped DOM has the chart with the same numbers (a screenshot is kept), the pool
 * over the threshold raised its alarm line, and every TCP socket of the server's namespace is on
 * loopback.
 *
 * <p>Runs as root only and is skipped otherwise; needs iproute2, udhcpc, prometheus, chromium, curl.
 * Everything runs inside namespaces {@code lhXXXXXX-*} the test creates and removes; Prometheus and
 * Chromium run in the server's namespace on its loopback, with their own config and data folders under
 * {@code itests/target/e2e-web-*}, and are stopped at the end. Run:
 * {@code mvn -B verify -pl itests -Dit.test=MetricsAndStatusPageIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class MetricsAndStatusPageIT {

    private static final List<String> TOOLS = List.of("ip", "udhcpc", "prometheus", "chromium", "curl");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SUBNET = "198.18.0.0/16";
    private static final String CONF = """
            authoritative;
            ping-check false;
            default-lease-time 600;
            max-lease-time 7200;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.13;
            }
            subnet 198.51.100.0 netmask 255.255.255.0 {
              range 198.51.100.100 198.51.100.200;
            }
            """;
    private static final Pattern SERIES = Pattern.compile("\\{\"metric\":\\{([^}]*)\\},\"value\":\\[[^,]+,\"([^\"]+)\"\\]\\}");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"");
    private static final Pattern POOL_JSON = Pattern.compile("\\{\"subnet\":\"([^\"]+)\",\"pool\":\"([^\"]+)\",\"space\":\"[^\"]*\","
            + "\"size\":(\\d+),\"busy\":(\\d+),\"abandoned\":(\\d+),\"free\":(\\d+)\\}");

    private Path work;
    private TestNetwork net;
    private LeaseholdServer server;
    private Process prometheus;
    private int prometheusPort;
    private final List<String> clients = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : TOOLS) {
            assumeTrue(Exec.installed(tool), tool + " is not installed (itests/install-test-deps.sh)");
        }
        work = TestNetwork.workDir("e2e-web-");
        net = TestNetwork.create(work.resolve("txoff.py"));
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        server.writeFile("etc/dhcpd.conf", CONF);
        server.writeFile("etc/org.leasehold.core.cfg", "listen = 198.18.0.1, 127.0.0.1\nport = 67\nclientPort = 68\n"
                + "configFile = etc/dhcpd.conf\nleaseDir = data/leasehold\n");
        // the spec's leasethreshold at 50 %: two of the four addresses raise it; quick checks and refreshes
        server.writeFile("etc/org.leasehold.web.cfg", "leaseThreshold = 50\nalarmIntervalSeconds = 1\n"
                + "pageRefreshSeconds = 1\n");
        server.start(67);
        server.installFeatures("leasehold-web");
        server.installFeatures("leasehold-option82");
        Awaitility.await("metrics endpoint").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> curl("http://127.0.0.1:8181/metrics").contains("leasehold_leases{state=\"active\"}"));
        for (int i = 1; i <= 3; i++) {
            String ns = net.addClient(work.resolve("txoff.py"), "c" + i, "eth0");
            net.setMac(ns, "eth0", String.format("02:00:00:00:17:%02x", i));
            clients.add(ns);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            Exec.stop(prometheus, Duration.ofSeconds(20));
            if (server != null) {
                Files.writeString(work.resolve("karaf.log"), server.log());
                server.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    @Test
    @Order(1)
    void prometheusScrapesLeasesPerStateAndPoolUtilisation() throws Exception {
        // the address must be on the interface for udhcpc to send its RELEASE from it
        Path script = work.resolve("udhcpc.sh");
        Files.writeString(script, """
                #!/bin/sh
                case "$1" in
                  bound|renew) ip addr replace "$ip/${mask:-16}" dev "$interface" ;;
                  deconfig) ip -4 addr flush dev "$interface" ;;
                esac
                """);
        script.toFile().setExecutable(true);
        for (int i = 0; i < clients.size() - 1; i++) {
            // -q: quit once leased
            Exec.run(Duration.ofSeconds(60), null, Exec.inNs(clients.get(i), "udhcpc", "-f", "-q", "-n", "-i", "eth0",
                    "-s", script.toString(), "-t", "10", "-T", "2")).check();
        }
        // the third one stays until bound, then releases (-R) on SIGTERM
        String last = clients.get(clients.size() - 1);
        Process releasing = new ProcessBuilder(Exec.inNs(last, "udhcpc", "-f", "-R", "-i", "eth0", "-s",
                script.toString(), "-t", "10", "-T", "2")).redirectErrorStream(true)
                .redirectOutput(work.resolve("udhcpc-release.log").toFile()).start();
        try {
            Awaitility.await("third client bound").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> Exec.run(Duration.ofSeconds(10), null, Exec.inNs(last, "ip", "-4", "addr", "show",
                            "dev", "eth0")).output().contains("inet 198.18.1."));
        } finally {
            Exec.stop(releasing, Duration.ofSeconds(20));
        }
        prometheusPort = freePort();
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: leasehold
                    scrape_interval: 1s
                    static_configs:
                      - targets: ['127.0.0.1:8181']
                """);
        prometheus = new ProcessBuilder(Exec.inNs(net.server(), "prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort)).redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile()).start();

        Awaitility.await("Prometheus has scraped two active leases and one released").atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    Map<String, String> states = byLabel(query("leasehold_leases"), "state");
                    return "2".equals(states.get("active")) && "1".equals(states.get("released"));
                });
        Map<String, String> states = byLabel(query("leasehold_leases"), "state");
        assertThat(states).containsEntry("active", "2").containsEntry("released", "1").containsEntry("abandoned", "0");

        List<Map<String, String>> stats = poolStats();
        assertThat(stats).extracting(p -> p.get("subnet")).contains(SUBNET, "198.51.100.0/24");
        Map<String, String> ratio = byLabel(query("leasehold_pool_utilization_ratio"), "subnet");
        Map<String, String> size = byLabel(query("leasehold_pool_addresses"), "subnet");
        for (Map<String, String> p : stats) {
            double expected = (Double.parseDouble(p.get("busy")) + Double.parseDouble(p.get("abandoned")))
                    / Double.parseDouble(p.get("size"));
            assertThat(Double.parseDouble(ratio.get(p.get("subnet")))).as("utilisation of " + p)
                    .isEqualTo(expected);
            assertThat(size.get(p.get("subnet"))).isEqualTo(p.get("size"));
        }
        assertThat(ratio).containsEntry(SUBNET, "0.5");
        assertThat(query("sum(leasehold_messages_received_total{type=\"DISCOVER\"})")).contains("\"3\"");
        assertThat(query("leasehold_journal_fsync_seconds_count")).containsPattern("\"[1-9]\\d*\"\\]");
    }

    @Test
    @Order(2)
    void statusPageInChromiumShowsTheChartWithPoolStatsNumbers() throws Exception {
        List<String> chrome = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("chromium"), "--window-size=1000,900",
                "--virtual-time-budget=8000");
        List<String> dump = new ArrayList<>(chrome);
        dump.addAll(List.of("--dump-dom", "http://127.0.0.1:8181/leasehold/"));
        String dom = Exec.run(Duration.ofSeconds(120), null, Exec.inNs(net.server(), dump.toArray(String[]::new)))
                .check().output();
        Files.writeString(work.resolve("page.html"), dom);

        for (Map<String, String> p : poolStats()) {
            long used = Long.parseLong(p.get("busy")) + Long.parseLong(p.get("abandoned"));
            long size = Long.parseLong(p.get("size"));
            long percent = used * 100 / size;
            assertThat(dom).as("chart group of " + p).contains("<g class=\"pool\" data-subnet=\"" + p.get("subnet")
                    + "\" data-pool=\"" + p.get("pool") + "\" data-size=\"" + size + "\" data-busy=\"" + p.get("busy")
                    + "\" data-abandoned=\"" + p.get("abandoned") + "\" data-used-percent=\"" + percent + "\">");
            assertThat(dom).contains(percent + "% (" + used + "/" + size + ")");
        }
        assertThat(dom).contains("<g class=\"pool\" data-subnet=\"" + SUBNET + "\"");
        assertThat(dom).containsPattern("<rect class=\"bar\" x=\"300\" y=\"\\d+\" width=\"160.0\"");
        assertThat(dom).contains("<td data-state=\"active\">2</td>", "<td data-state=\"released\">1</td>");
        assertThat(dom).as("capabilities installed").contains("<li data-bundle=\"org.leasehold.option82\">")
                .doesNotContain("data-bundle=\"org.leasehold.core\"");
        Matcher refreshes = Pattern.compile("id=\"updated\" data-refreshes=\"(\\d+)\"").matcher(dom);
        assertThat(refreshes.find()).as("updated line in\n" + dom).isTrue();
        assertThat(Integer.parseInt(refreshes.group(1))).as("the page refreshed itself").isGreaterThan(1);

        Path png = work.resolve("page.png");
        List<String> shot = new ArrayList<>(chrome);
        shot.addAll(List.of("--screenshot=" + png, "http://127.0.0.1:8181/leasehold/"));
        Exec.run(Duration.ofSeconds(120), null, Exec.inNs(net.server(), shot.toArray(String[]::new))).check();
        byte[] image = Files.readAllBytes(png);
        assertThat(image).startsWith(0x89, 'P', 'N', 'G');
        assertThat(image.length).as("a rendered page, not a blank one").isGreaterThan(10_000);
    }

    @Test
    @Order(3)
    void poolOverThresholdRaisedItsAlarmAndEverySocketIsOnLoopback() throws Exception {
        // raised at the first check over the threshold: with three leases (75 %) when it came before the
        // release, with two (50 %) when after
        Pattern raised = Pattern.compile(Pattern.quote("ALARM raised pool-utilisation: " + SUBNET + " pool " + SUBNET
                + "#1: ") + "(50\\.0% in use \\(2|75\\.0% in use \\(3) of 4 addresses\\), threshold 50%");
        Awaitility.await("alarm line").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> raised.matcher(server.log()).find());
        assertThat(server.log()).doesNotContain("ALARM raised pool-utilisation: 198.51.100.0/24");
        String tcp = Exec.run(Duration.ofSeconds(20), null, Exec.inNs(net.server(), "ss", "-Hltn")).check().output();
        assertThat(tcp).contains("127.0.0.1:8181", "127.0.0.1:" + prometheusPort);
        for (String line : tcp.strip().split("\n")) {
            assertThat(line).as("listening socket").containsPattern("\\s(\\[::ffff:)?127\\.0\\.0\\.1\\]?:\\d+\\s");
        }
    }

    /** Prometheus's instant query API, asked from inside the server's namespace. */
    private String query(String promql) throws IOException, InterruptedException {
        return Exec.run(Duration.ofSeconds(20), null, Exec.inNs(net.server(), "curl", "-sS", "-G",
                "http://127.0.0.1:" + prometheusPort + "/api/v1/query", "--data-urlencode", "query=" + promql))
                .check().output();
    }

    private String curl(String url) throws IOException, InterruptedException {
        return Exec.run(Duration.ofSeconds(20), null, Exec.inNs(net.server(), "curl", "-sS", url)).output();
    }

    /** label value to sample value, from an instant query's vector result. */
    private static Map<String, String> byLabel(String response, String label) {
        Map<String, String> out = new HashMap<>();
        Matcher m = SERIES.matcher(response);
        while (m.find()) {
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                if (l.group(1).equals(label)) {
                    out.put(l.group(2), m.group(2));
                }
            }
        }
        return out;
    }

    /** {@code dhcp:pool-stats --json} of the same server, one map per pool. */
    private List<Map<String, String>> poolStats() throws IOException, InterruptedException {
        String json = server.console("dhcp:pool-stats --json").check().output();
        List<Map<String, String>> out = new ArrayList<>();
        Matcher m = POOL_JSON.matcher(json);
        while (m.find()) {
            out.add(Map.of("subnet", m.group(1), "pool", m.group(2), "size", m.group(3), "busy", m.group(4),
                    "abandoned", m.group(5), "free", m.group(6)));
        }
        assertThat(out).as("pools in\n" + json).isNotEmpty();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
