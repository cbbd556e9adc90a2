package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * Migration from ISC dhcpd: a real ISC dhcpd 4.4.3 serves real clients (dhclient, udhcpc with a
 * client identifier and a host name, one client that releases) in the server namespace and writes its
 * dhcpd.leases; it is stopped, Leasehold starts in its place and {@code dhcp:lease-import}s that file:
 * {@code dhcp:lease-list} shows exactly ISC's active leases (address and MAC). A file with a bad line
 * is refused naming FILE:LINE and changes nothing; JSON and dhcpd exports import back to the same
 * table; and a kill -9 in the middle of importing 200,000 leases leaves the table as it was before or
 * after, never between (restart, count).
 *
 * <p>Root only, skipped otherwise; needs ISC dhcpd, dhclient, udhcpc and iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=LeaseImportIT}. Logs stay in {@code itests/target/e2e-import-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class LeaseImportIT {

    private static final int BULK = 200_000;
    private static final Pattern JSON_LEASE = Pattern.compile(
            "\\{\"address\":\"([\\d.]+)\",\"space\":\"([^\"]*)\",\"state\":\"(\\w+)\",\"clientId\":[^,]*,"
            + "\"hardware\":(null|\"([0-9a-f:]+)\")");
    private static final Pattern ISC_LEASE = Pattern.compile("lease (\\d+\\.\\d+\\.\\d+\\.\\d+) \\{([^}]*)\\}");
    private static final Pattern ISC_STATE = Pattern.compile("\\n\\s*binding state (\\w+);");
    private static final Pattern ISC_MAC = Pattern.compile("hardware ethernet ([0-9a-f:]+);");

    private Path work;
    private Path iscDir;
    private TestNetwork net;
    private LeaseholdServer server;
    private Process isc;

    @BeforeAll
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "dhcpd", "dhclient", "udhcpc")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-import-");
        for (String r : List.of("txoff.py", "dhcpd.conf", "org.leasehold.core.cfg")) {
            try (InputStream in = LeaseImportIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        iscDir = work.resolve("isc");
        Files.createDirectories(iscDir);
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            Exec.stop(isc, Duration.ofSeconds(10));
            if (server != null) {
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
    void everyActiveLeaseOfIscDhcpdIsInLeaseholdAfterTheImport() throws Exception {
        Files.writeString(iscDir.resolve("dhcpd.conf"), """
                # ISC dhcpd 4.4 serving the test LAN before the migration
                authoritative;
                default-lease-time 3600;
                max-lease-time 7200;
                subnet 198.18.0.0 netmask 255.255.0.0 {
                  range 198.18.1.10 198.18.1.250;
                  option routers 198.18.0.1;
                }
                """);
        Files.writeString(iscDir.resolve("dhcpd.leases"), "");
        isc = new ProcessBuilder(Exec.inNs(net.server(), "dhcpd", "-4", "-f", "-d", "-cf",
                iscDir.resolve("dhcpd.conf").toString(), "-lf", iscDir.resolve("dhcpd.leases").toString(), "-pf",
                iscDir.resolve("dhcpd.pid").toString(), "srv0")).redirectErrorStream(true)
                .redirectOutput(iscDir.resolve("dhcpd.log").toFile()).start();
        List<String> held = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            held.add(dhclient(String.format("02:00:00:00:1d:%02x", i), false));
        }
        String released = dhclient("02:00:00:00:1d:10", true);
        held.add(udhcpc("02:00:00:00:1d:20", "migrated-host"));
        Exec.stop(isc, Duration.ofSeconds(20));
        Path iscLeases = iscDir.resolve("dhcpd.leases");
        Map<String, String> iscActive = iscActive(Files.readString(iscLeases));
        assertThat(iscActive).as("ISC's leases file:\n" + Files.readString(iscLeases)).hasSize(5)
                .doesNotContainKey(released).containsKeys(held.toArray(String[]::new));

        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.copy(work.resolve("dhcpd.conf"), server.home().resolve("etc/dhcpd.conf"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(work.resolve("org.leasehold.core.cfg"), server.home().resolve("etc/org.leasehold.core.cfg"),
                StandardCopyOption.REPLACE_EXISTING);
        server.start(67);
        Exec.Result imported = server.console("dhcp:lease-import " + iscLeases.toAbsolutePath());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("Imported ");
        assertThat(active(leaseList())).isEqualTo(iscActive);
        assertThat(leaseList().get(released)).as("the released client's lease is there, not active").isNotNull()
                .doesNotStartWith("active");
        // the migrated lease serves its client: udhcpc's lease renews to the same address
        assertThat(udhcpc("02:00:00:00:1d:20", "migrated-host")).isEqualTo(held.get(4));
    }

    @Test
    @Order(2)
    void aFileWithABadLineIsRefusedByFileAndLineAndNothingIsImported() throws Exception {
        Map<String, String> before = leaseList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append("lease 198.18.2.").append(i).append(" {\n  starts 4 2026/12/03 08:00:00;\n  ends 4 2026/12/03")
                    .append(" 18:00:00;\n  binding state active;\n  hardware ethernet 02:00:00:00:2b:")
                    .append(String.format("%02x", i)).append(";\n}\n");
        }
        sb.append("lease 198.18.2.50 {\n  binding state bound;\n}\n"); // "bound" is on line 302
        Path bad = work.resolve("bad.leases");
        Files.writeString(bad, sb.toString());
        Exec.Result r = server.console("dhcp:lease-import " + bad.toAbsolutePath());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains(bad.toAbsolutePath() + ":302:").contains("bound");
        assertThat(leaseList()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void jsonAndDhcpdExportsImportBackToTheSameTable() throws Exception {
        Map<String, String> table = leaseList();
        for (String format : List.of("json", "dhcpd")) {
            Path first = work.resolve("export-1." + format);
            Path second = work.resolve("export-2." + format);
            assertThat(server.console("dhcp:lease-export " + first.toAbsolutePath() + " --format " + format)
                    .output()).contains("Exported " + table.size() + " leases");
            Exec.Result r = server.console("dhcp:lease-import " + first.toAbsolutePath());
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("Imported " + table.size() + " leases");
            server.console("dhcp:lease-export " + second.toAbsolutePath() + " --format " + format);
            assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
            assertThat(leaseList()).isEqualTo(table);
        }
        assertThat(Files.readString(work.resolve("export-1.json"))).startsWith("[\n{\"address\":");
        assertThat(Files.readString(work.resolve("export-1.dhcpd"))).contains("binding state active;");
    }

    @Test
    @Order(4)
    void aKillDuringAnImportOf200000LeasesLeavesTheTableAsBeforeOrAfter() throws Exception {
        Path bulk = work.resolve("bulk.leases");
        writeBulk(bulk);
        long before = leaseCount();
        Path journal = server.home().resolve("data/leasehold/leases.journal");
        long journalBefore = Files.size(journal);
        CompletableFuture<Exec.Result> importing = CompletableFuture.supplyAsync(() -> {
            try {
                return server.console("dhcp:lease-import " + bulk.toAbsolutePath());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // kill once the import is writing its staged records (the journal grows by about 16 MB in all)
        Awaitility.await("import staging").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                .until(() -> Files.size(journal) > journalBefore + (2 << 20) || importing.isDone());
        boolean finishedFirst = importing.isDone();
        server.kill();
        importing.get(90, TimeUnit.SECONDS);
        server.start(67);
        long afterKill = leaseCount();
        assertThat(afterKill).as("leases after kill -9 during the import (before: %d)", before)
                .isIn(before, before + BULK);
        if (!finishedFirst && afterKill == before) {
            assertThat(server.log()).contains("did not finish before the server stopped; none of it is in force");
        }
        // and run to its end, the import is all there after a restart
        Exec.Result r = server.console("dhcp:lease-import " + bulk.toAbsolutePath());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Read 200000 leases", "leases written", "Imported 200000 leases");
        server.kill();
        server.start(67);
        assertThat(leaseCount()).isEqualTo(before + BULK);
        Files.writeString(work.resolve("kill-outcome.txt"), "kill landed " + (finishedFirst ? "after the import ended"
                : afterKill == before ? "during staging: table as before" : "after the apply: table as after") + "\n");
    }

    /** 200,000 active leases in two address spaces of their own (no overlap with the LAN's leases). */
    private static void writeBulk(Path file) throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("e yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
        Instant now = Instant.now();
        String starts = f.format(now);
        String ends = f.format(now.plusSeconds(86_400));
        StringBuilder sb = new StringBuilder(BULK * 160);
        for (int i = 0; i < BULK; i++) {
            int n = i % 100_000;
            sb.append("# space bulk").append(i / 100_000).append('\n');
            sb.append("lease 198.").append(18 + (n >> 16)).append('.').append((n >> 8) & 0xff).append('.')
                    .append(n & 0xff).append(" {\n  starts ").append(starts).append(";\n  ends ").append(ends)
                    .append(";\n  binding state active;\n  hardware ethernet 02:01:")
                    .append(String.format("%02x:%02x:%02x:%02x", i >> 24, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff))
                    .append(";\n}\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** One dhclient DORA with ISC dhcpd (no address configured); with {@code release}, then a DHCPRELEASE. */
    private String dhclient(String mac, boolean release) throws Exception {
        net.setMac(net.client(), "cli0", mac);
        Path dir = work.resolve("dhclient-" + mac.replace(':', '-'));
        Files.createDirectories(dir);
        List<String> base = List.of("dhclient", "-4", "-v", "-sf", "/bin/true", "-lf", dir.resolve("leases").toString(),
                "-pf", dir.resolve("pid").toString());
        List<String> get = new ArrayList<>(List.of("timeout", "45"));
        get.addAll(base);
        get.addAll(List.of("-1", "cli0"));
        Exec.Result r = Exec.run(Duration.ofSeconds(60), null, Exec.inNs(net.client(), get.toArray(String[]::new)));
        Files.writeString(dir.resolve("dhclient.log"), r.output());
        Matcher m = Pattern.compile("bound to (\\d+\\.\\d+\\.\\d+\\.\\d+)").matcher(r.output());
        assertThat(m.find()).as("dhclient got a lease:\n" + r.output()).isTrue();
        String ip = m.group(1);
        if (release) {
            // the RELEASE is a unicast from the client's address: give cli0 the address for it
            TestNetwork.exec(net.client(), "ip", "addr", "add", ip + "/16", "dev", "cli0");
        }
        List<String> end = new ArrayList<>(base);
        end.addAll(List.of(release ? "-r" : "-x", "cli0"));
        Exec.run(Duration.ofSeconds(20), null, Exec.inNs(net.client(), end.toArray(String[]::new)));
        if (release) {
            TestNetwork.exec(net.client(), "ip", "-4", "addr", "flush", "dev", "cli0");
        }
        if (release) {
            Awaitility.await("ISC frees " + ip).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> !iscActive(Files.readString(iscDir.resolve("dhcpd.leases"))).containsKey(ip));
        }
        return ip;
    }

    /** busybox udhcpc (sends option 61 = 01+MAC and a host name), quits once bound; returns the address. */
    private String udhcpc(String mac, String hostname) throws Exception {
        net.setMac(net.client(), "cli0", mac);
        Exec.Result r = Exec.run(Duration.ofSeconds(60), null, Exec.inNs(net.client(), "udhcpc", "-f", "-q", "-n",
                "-i", "cli0", "-s", "/bin/true", "-t", "5", "-T", "3", "-x", "hostname:" + hostname));
        Matcher m = Pattern.compile("lease of (\\d+\\.\\d+\\.\\d+\\.\\d+) obtained").matcher(r.output());
        assertThat(m.find()).as("udhcpc got a lease:\n" + r.output()).isTrue();
        return m.group(1);
    }

    /** ISC's active leases (address -> MAC), each address by its last declaration, as dhcpd reads its file. */
    static Map<String, String> iscActive(String leases) {
        Map<String, String> last = new LinkedHashMap<>();
        Matcher m = ISC_LEASE.matcher(leases);
        while (m.find()) {
            last.put(m.group(1), m.group(2));
        }
        Map<String, String> active = new TreeMap<>();
        last.forEach((ip, body) -> {
            Matcher s = ISC_STATE.matcher(body);
            Matcher hw = ISC_MAC.matcher(body);
            if (s.find() && s.group(1).equals("active") && hw.find()) {
                active.put(ip, hw.group(1));
            }
        });
        return active;
    }

    /** Leasehold's leases of the default space: address -> "state mac". */
    private Map<String, String> leaseList() throws Exception {
        Exec.Result r = server.console("dhcp:lease-list --json --limit 100000");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Map<String, String> out = new TreeMap<>();
        Matcher m = JSON_LEASE.matcher(r.output());
        while (m.find()) {
            if (m.group(2).isEmpty()) {
                out.put(m.group(1), m.group(3) + " " + (m.group(5) == null ? "-" : m.group(5)));
            }
        }
        return out;
    }

    private static Map<String, String> active(Map<String, String> table) {
        Map<String, String> out = new TreeMap<>();
        table.forEach((ip, v) -> {
            if (v.startsWith("active ")) {
                out.put(ip, v.substring("active ".length()));
            }
        });
        return out;
    }

    /** Every lease of every state, from {@code dhcp:status}. */
    private long leaseCount() throws Exception {
        long n = 0;
        for (String line : server.console("dhcp:status").output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].startsWith("leases.")) {
                n += Long.parseLong(f[f.length - 1]);
            }
        }
        return n;
    }
}
