package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
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
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-fo-");
        try (InputStream in = IscFailoverIT.class.getResourceAsStream("/e2e/txoff.py")) {
            Files.copy(in, work.resolve("txoff.py"));
        }
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

    @Test
    void leaseholdPrimaryIscSecondaryReachNormalAndShareALease() throws Exception {
        pair("primary", true);
        String mac = "02:00:00:00:0f:01";
        String address = dhclient(mac);
        awaitLeaseOnBoth(mac, address);
    }

    @Test
    void iscPrimaryLeaseholdSecondaryReachNormalAndShareALease() throws Exception {
        pair("secondary", false);
        String mac = "02:00:00:00:0f:02";
        String address = dhclient(mac);
        awaitLeaseOnBoth(mac, address);
    }

    /** Starts both servers with Leasehold in {@code role} and waits until both are NORMAL. */
    private void pair(String role, boolean leaseholdPrimary) throws Exception {
        Path dir = work.resolve(role);
        leasehold = LeaseholdServer.unpack(dir.resolve("dist"), net.server());
        leasehold.writeFile("etc/org.leasehold.core.cfg", """
                listen = srv0, 127.0.0.1
                port = 67
                clientPort = 68
                configFile = etc/dhcpd.conf
                leaseDir = data/leasehold
                """);
        leasehold.writeFile("etc/dhcpd.conf", conf(leaseholdPrimary, LEASEHOLD_IP, ISC_IP, true));
        leasehold.start(67);
        assertThat(leasehold.console("feature:install leasehold-failover").output()).doesNotContain("Error");
        iscDir = dir.resolve("isc");
        Files.createDirectories(iscDir);
        Files.writeString(iscDir.resolve("dhcpd.conf"), conf(!leaseholdPrimary, ISC_IP, LEASEHOLD_IP, false));
        Files.writeString(iscDir.resolve("dhcpd.leases"), "");
        Exec.run(Duration.ofSeconds(20), "dhcpd", "-t", "-q", "-cf", iscDir.resolve("dhcpd.conf").toString()).check();
        isc = new ProcessBuilder(Exec.inNs(iscNs, "dhcpd", "-4", "-f", "-d", "-cf", iscDir.resolve("dhcpd.conf").toString(),
                "-lf", iscDir.resolve("dhcpd.leases").toString(), "-pf", iscDir.resolve("dhcpd.pid").toString(), "srv0"))
                .redirectErrorStream(true).redirectOutput(iscDir.resolve("dhcpd.log").toFile()).start();
        Awaitility.await("ISC dhcpd and Leasehold both normal").atMost(NORMAL_WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String log = Files.readString(iscDir.resolve("dhcpd.log"));
                    assertThat(isc.isAlive()).as("ISC dhcpd runs:\n" + log).isTrue();
                    String status = leasehold.console("dhcp:failover-status").output();
                    return log.contains("failover peer harness-fo: Both servers normal")
                            && status.matches("(?s).*harness-fo\\.state\\s+normal.*")
                            && status.matches("(?s).*harness-fo\\.partner-state\\s+normal.*");
                });
        assertThat(leasehold.console("dhcp:status").output()).contains("failover.harness-fo.state").contains("normal");
    }

    /**
     * A failover pair's dhcpd.conf as the harness writes it: the primary listens on 647, the
     * secondary on 847, mclt and split on the primary only.
     */
    static String conf(boolean primary, String me, String peer, boolean leasehold) {
        String lb = primary ? "  mclt 30;\n  split 128;\n" : "";
        return """
                authoritative;
                default-lease-time 600;
                max-lease-time 7200;
                %s
                failover peer "harness-fo" {
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
                  option routers 198.18.0.1;
                  pool {
                    failover peer "harness-fo";
                    range %s %s;
                  }
                }
                """.formatted(leasehold ? "" : "ddns-update-style none;\nping-check false;",
                primary ? "primary" : "secondary", me, primary ? 647 : 847, peer, primary ? 847 : 647, lb,
                POOL_FIRST, POOL_LAST);
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
