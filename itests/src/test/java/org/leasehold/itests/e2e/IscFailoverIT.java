package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Leasehold and a real ISC dhcpd 4.4.3 as a draft-12 failover pair, each in its own namespace on one
 * LAN (198.18.0.1 and 198.18.0.3), once with Leasehold as primary and once as secondary: both
 * servers reach NORMAL (ISC's log and {@code dhcp:failover-status} say so), and a lease dhclient gets
 * from one is on the other, same client and address ({@code dhcp:lease-show} / ISC's leases file).
 * The failover feature is hot-installed into the running server ({@code feature:install}).
 *
 * <p>Root only (namespaces, port 67); needs isc-dhcp-server, isc-dhcp-client, iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=IscFailoverIT}. Logs stay in {@code itests/target/e2e-fo-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IscFailoverIT {

    static final String LEASEHOLD_IP = "198.18.0.1";
    static final String ISC_IP = "198.18.0.3";
    static final Duration NORMAL_WAIT = Duration.ofSeconds(90);
    static final String POOL_FIRST = "198.18.2.1";
    static final String POOL_LAST = "198.18.2.200";

    private Path work;
    private TestNetwork net;
    private String iscNs;
    private LeaseholdServer leasehold;
    private Process isc;
    private Path iscDir;

    @BeforeAll
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "dhcpd", "dhclient")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = TestNetwork.workDir("e2e-fo-");
        net = TestNetwork.create(work.resolve("txoff.py"));
        iscNs = net.addServer(work.resolve("txoff.py"), "isc", ISC_IP);
    }

    @AfterEach
    void stopServers() throws Exception {
        Exec.stop(isc, Duration.ofSeconds(10));
        isc = null;
        if (leasehold != null) {
            leasehold.close();
            leasehold = null;
        }
    }

    @AfterAll
    void removeNetwork() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    /** Leasehold as primary (ISC secondary), then as secondary (ISC primary): NORMAL, and one lease on both. */
    @ParameterizedTest(name = "Leasehold {0}")
    @CsvSource({"primary, 02:00:00:00:0f:01", "secondary, 02:00:00:00:0f:02"})
    void reachNormalAndShareALease(String role, String mac) throws Exception {
        pair(role, role.equals("primary"));
        awaitLeaseOnBoth(mac, dhclient(mac));
    }

    /**
     * Leasehold primary, ISC secondary: ISC is killed (SIGKILL) while dhclient renews every 3 s; Leasehold
     * moves to COMMUNICATIONS-INTERRUPTED and keeps the client (it rebinds to 198.18.0.1); the operator
     * declares PARTNER-DOWN; ISC restarts from its leases file, recovers, and both are NORMAL again with
     * the renewals made meanwhile in ISC's leases file.
     */
    @Test
    void partnerLossInterruptedPartnerDownAndRecovery() throws Exception {
        pair("outage", true);
        String mac = "02:00:00:00:0f:03";
        net.setMac(net.client(), "cli0", mac);
        Path dir = work.resolve("dhclient-renewing");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dhclient.conf"),
                "timeout 20;\nretry 5;\nsupersede dhcp-renewal-time 3;\nsupersede dhcp-rebinding-time 6;\n");
        // the address goes on the interface, as a real client's script does: renewals are unicast from it
        Files.writeString(dir.resolve("hook.sh"), """
                #!/bin/sh
                case "$reason" in
                  BOUND|RENEW|REBIND|REBOOT) ip addr replace "$new_ip_address/16" dev "$interface";;
                  EXPIRE|FAIL|RELEASE|STOP) ip -4 addr flush dev "$interface";;
                esac
                echo "EVENT=$reason IP=${new_ip_address:-} SID=${new_dhcp_server_identifier:-}" >> %s
                """.formatted(dir.resolve("hook.log")));
        dir.resolve("hook.sh").toFile().setExecutable(true);
        Files.writeString(dir.resolve("hook.log"), "");
        Process client = new ProcessBuilder(Exec.inNs(net.client(), "dhclient", "-4", "-d", "-v", "-cf",
                dir.resolve("dhclient.conf").toString(), "-sf", dir.resolve("hook.sh").toString(), "-lf",
                dir.resolve("leases").toString(), "-pf", dir.resolve("pid").toString(), "cli0"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dhclient.log").toFile()).start();
        try {
            String address = awaitHook(dir, "EVENT=(BOUND|REBOOT) IP=(\\S+)", 0);
            awaitLeaseOnBoth(mac, address);
            int before = hookLines(dir);
            java.time.Instant killed = java.time.Instant.now();
            isc.destroyForcibly().waitFor();
            awaitStatus("harness-fo\\.state\\s+communications-interrupted");
            String sid = awaitHook(dir, "EVENT=(RENEW|REBIND) IP=" + Pattern.quote(address) + " SID=(\\S+)", before);
            assertThat(sid).isEqualTo(LEASEHOLD_IP);
            int served = hookLines(dir);
            awaitHook(dir, "EVENT=RENEW IP=" + Pattern.quote(address) + " SID=" + Pattern.quote(LEASEHOLD_IP) + "()",
                    served);
            assertThat(leasehold.console("dhcp:failover-partner-down harness-fo").output()).contains("partner-down");
            awaitStatus("harness-fo\\.state\\s+partner-down");
            long renewedBefore = hookLines(dir);
            startIsc();
            awaitBothNormal();
            awaitHook(dir, "EVENT=RENEW IP=" + Pattern.quote(address) + " SID=()\\S+", (int) renewedBefore);
            awaitLeaseOnBoth(mac, address);
            Awaitility.await("ISC knows the renewals made while it was down").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> iscEnds(address).isAfter(killed));
        } finally {
            Exec.stop(client, Duration.ofSeconds(10));
            Exec.run(Duration.ofSeconds(10), null, Exec.inNs(net.client(), "ip", "-4", "addr", "flush", "dev", "cli0"));
        }
    }

    /** The end of ISC's last record of {@code address} (its leases file writes UTC). */
    private java.time.Instant iscEnds(String address) throws IOException {
        Matcher m = Pattern.compile("lease " + Pattern.quote(address) + " \\{[^}]*?ends \\d (\\d{4}/\\d\\d/\\d\\d "
                + "\\d\\d:\\d\\d:\\d\\d);").matcher(Files.readString(iscDir.resolve("dhcpd.leases")));
        java.time.Instant last = java.time.Instant.EPOCH;
        while (m.find()) {
            last = java.time.LocalDateTime.parse(m.group(1), java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy/MM/dd HH:mm:ss")).toInstant(java.time.ZoneOffset.UTC);
        }
        return last;
    }

    private int hookLines(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("hook.log")).size();
    }

    /** Waits for a hook line after line {@code from} matching {@code regex}; returns its last group. */
    private String awaitHook(Path dir, String regex, int from) {
        Pattern p = Pattern.compile(regex);
        String[] found = new String[1];
        Awaitility.await("dhclient " + regex).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<String> lines = Files.readAllLines(dir.resolve("hook.log"));
                    for (String l : lines.subList(Math.min(from, lines.size()), lines.size())) {
                        Matcher m = p.matcher(l);
                        if (m.find()) {
                            found[0] = m.group(m.groupCount());
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    private void awaitStatus(String regex) {
        Awaitility.await("dhcp:failover-status shows " + regex).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Pattern.compile(regex).matcher(leasehold.console("dhcp:failover-status").output()).find());
    }

    /** Starts both servers with Leasehold in {@code role} and waits until both are NORMAL. */
    private void pair(String role, boolean leaseholdPrimary) throws Exception {
        Path dir = work.resolve(role);
        leasehold = LeaseholdServer.unpack(dir.resolve("dist"), net.server());
        leasehold.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
        leasehold.writeFile("etc/dhcpd.conf",
                FailoverPairConf.of(leaseholdPrimary, LEASEHOLD_IP, ISC_IP, false, 30, 5, POOL_FIRST, POOL_LAST));
        leasehold.start(67);
        leasehold.installFeatures("leasehold-failover");
        iscDir = dir.resolve("isc");
        Files.createDirectories(iscDir);
        Files.writeString(iscDir.resolve("dhcpd.conf"),
                FailoverPairConf.of(!leaseholdPrimary, ISC_IP, LEASEHOLD_IP, true, 30, 5, POOL_FIRST, POOL_LAST));
        Files.writeString(iscDir.resolve("dhcpd.leases"), "");
        Exec.run(Duration.ofSeconds(20), "dhcpd", "-t", "-q", "-cf", iscDir.resolve("dhcpd.conf").toString()).check();
        startIsc();
        awaitBothNormal();
        assertThat(leasehold.console("dhcp:status").output()).contains("failover.harness-fo.state").contains("normal");
    }

    /** Starts ISC dhcpd on its configuration and leases file (a restart keeps both); its log is appended. */
    private void startIsc() throws IOException {
        Path log = iscDir.resolve("dhcpd.log");
        if (Files.exists(log)) {
            Files.move(log, iscDir.resolve("dhcpd-" + System.nanoTime() + ".log"));
        }
        isc = new ProcessBuilder(Exec.inNs(iscNs, "dhcpd", "-4", "-f", "-d", "-cf", iscDir.resolve("dhcpd.conf").toString(),
                "-lf", iscDir.resolve("dhcpd.leases").toString(), "-pf", iscDir.resolve("dhcpd.pid").toString(), "srv0"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitBothNormal() {
        Awaitility.await("ISC dhcpd and Leasehold both normal").atMost(NORMAL_WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String log = Files.readString(iscDir.resolve("dhcpd.log"));
                    assertThat(isc.isAlive()).as("ISC dhcpd runs:\n" + log).isTrue();
                    String status = leasehold.console("dhcp:failover-status").output();
                    return log.matches("(?s).*failover peer harness-fo: I move from \\S+ to normal.*")
                            && status.matches("(?s).*harness-fo\\.state\\s+normal.*")
                            && status.matches("(?s).*harness-fo\\.partner-state\\s+normal.*");
                });
    }

    /** One dhclient DORA on the LAN (no address configured); returns the address it was given. */
    private String dhclient(String mac) throws Exception {
        net.setMac(net.client(), "cli0", mac);
        Path dir = work.resolve("dhclient-" + mac.replace(':', '-'));
        Files.createDirectories(dir);
        Path leases = dir.resolve("leases");
        Exec.Result r = Exec.run(Duration.ofSeconds(60), null, Exec.inNs(net.client(), "timeout", "45", "dhclient",
                "-4", "-1", "-v", "-sf", "/bin/true", "-lf", leases.toString(), "-pf", dir.resolve("pid").toString(),
                "cli0"));
        Files.writeString(dir.resolve("dhclient.log"), r.output());
        Exec.run(Duration.ofSeconds(20), null, Exec.inNs(net.client(), "dhclient", "-x", "-pf",
                dir.resolve("pid").toString(), "cli0"));
        Matcher m = Pattern.compile("bound to (\\d+\\.\\d+\\.\\d+\\.\\d+)").matcher(r.output());
        assertThat(m.find()).as("dhclient got a lease:\n" + r.output()).isTrue();
        return m.group(1);
    }

    /** The lease is in Leasehold's table and ISC's leases file: same address, same client, active. */
    private void awaitLeaseOnBoth(String mac, String address) {
        Awaitility.await("lease " + address + " of " + mac + " on both servers").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    String show = leasehold.console("dhcp:lease-show " + address).output();
                    assertThat(show).contains("active").containsIgnoringCase(mac);
                    String leases = Files.readString(iscDir.resolve("dhcpd.leases"));
                    Matcher m = Pattern.compile("lease " + Pattern.quote(address) + " \\{([^}]*)\\}").matcher(leases);
                    String last = null;
                    while (m.find()) {
                        last = m.group(1);
                    }
                    assertThat(last).as("ISC's last record of " + address).isNotNull()
                            .contains("binding state active").contains("hardware ethernet " + mac);
                });
    }

}
