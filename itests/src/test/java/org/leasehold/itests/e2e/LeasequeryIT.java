package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built distribution with feature {@code leasehold-leasequery}, a real client (busybox udhcpc) holding
 * and then releasing a lease, and an access concentrator played by {@code leasequery.py} (scapy) in
 * the relay namespace: DHCPLEASEQUERY by address, MAC and client-id for the active lease get
 * DHCPLEASEACTIVE with the RFC 4388 options, the released address DHCPLEASEUNASSIGNED, an address the
 * server does not serve DHCPLEASEUNKNOWN; a query from a host that is not in the relay ACL gets
 * nothing within the bound and raises the drop counters.
 *
 * <p>Root only (namespaces, port 67), skipped otherwise; needs /usr/bin/python3 with scapy
 * (python3-scapy), udhcpc and iproute2. Run: {@code mvn -B verify -pl itests -am -Dit.test=LeasequeryIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeasequeryIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String MAC = "02:00:00:00:4c:01";
    private static final String OUTSIDER_IP = "198.18.0.60";
    private Path work;
    private TestNetwork net;
    private LeaseholdServer server;

    @BeforeAll
    void startServer() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        assumeTrue(Exec.installed("ip") && Exec.installed("udhcpc"), "iproute2 and udhcpc are needed");
        assumeTrue(Exec.run(Duration.ofSeconds(30), "/usr/bin/python3", "-c", "import scapy").exitCode() == 0,
                "python3-scapy is needed");
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-lq-");
        for (String r : List.of("leasequery.py", "scenario.sh", "txoff.py", "dhcpd.conf", "org.leasehold.core.cfg")) {
            try (InputStream in = LeasequeryIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        net.setMac(net.client(), "cli0", MAC);
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.copy(work.resolve("dhcpd.conf"), server.home().resolve("etc/dhcpd.conf"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(work.resolve("org.leasehold.core.cfg"), server.home().resolve("etc/org.leasehold.core.cfg"),
                StandardCopyOption.REPLACE_EXISTING);
        // the relay's two addresses: its source towards the server and the giaddr it stamps
        server.writeFile("etc/org.leasehold.leasequery.cfg", "relays = " + TestNetwork.RELAY_UP_IP + ", "
                + TestNetwork.RELAY_DOWN_IP + "\nserverIdentifier = " + TestNetwork.SERVER_IP + "\n");
        server.start(67);
        server.installFeatures("leasehold-leasequery");
        Awaitility.await("leasequery in dhcp:status").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> server.console("dhcp:status").output().contains("leasequery.relays"));
    }

    @AfterAll
    void stop() throws Exception {
        try {
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
    void activeReleasedAndUnknownAddressesGetTheThreeAnswersAndAnOutsiderNothing() throws Exception {
        String ip;
        Path wd = work.resolve("udhcpc");
        try (ClientRun run = ClientRun.start(net.client(), work.resolve("scenario.sh"), "udhcpc", "cli0", wd, 20)) {
            Optional<String> renew = run.awaitStep("renew", STEP);
            assertThat(renew).as("acquire:%n%s%n%s", run.transcript(), server.log()).isPresent();
            ip = ClientRun.ipOf(renew.get()).orElseThrow();

            String byIp = query("--ip", ip);
            assertThat(byIp).startsWith("LEASEACTIVE ").contains("ciaddr=" + ip, "chaddr=" + MAC,
                    "giaddr=" + TestNetwork.RELAY_DOWN_IP, "opt91=", "opt51=", "opt54=" + TestNetwork.SERVER_IP).doesNotContain("opt92=");
            assertThat(seconds(byIp, "opt51")).isBetween(1L, 600L);
            assertThat(seconds(byIp, "opt91")).isBetween(0L, 600L);
            String byMac = query("--mac", MAC);
            assertThat(byMac).startsWith("LEASEACTIVE ").contains("ciaddr=" + ip, "opt92=" + ip);
            // udhcpc sends option 61 = 01 + MAC
            String clientId = "01" + MAC.replace(":", "");
            String byClientId = query("--client-id", clientId);
            assertThat(byClientId).startsWith("LEASEACTIVE ").contains("ciaddr=" + ip, "opt92=" + ip,
                    "opt61=" + clientId);

            run.proceed();
            assertThat(run.awaitStep("release", STEP)).isPresent();
            run.proceed();
            assertThat(run.finish(STEP)).as(run.transcript()).isZero();
        }
        Awaitility.await("lease " + ip + " released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> server.console("dhcp:lease-list --ip " + ip).output().toLowerCase().contains("released"));
        assertThat(query("--ip", ip)).startsWith("LEASEUNASSIGNED ").contains("ciaddr=" + ip)
                .doesNotContain("opt51=");
        assertThat(query("--mac", MAC)).startsWith("LEASEUNASSIGNED ").contains("ciaddr=" + ip);
        // in the subnet but in no range, and in no subnet at all
        assertThat(query("--ip", "198.18.99.99")).startsWith("LEASEUNKNOWN ").contains("ciaddr=198.18.99.99");
        assertThat(query("--ip", "198.51.100.250")).startsWith("LEASEUNKNOWN ");
        assertThat(query("--mac", "02:00:00:00:4c:77")).startsWith("LEASEUNKNOWN ");

        String before = server.console("dhcp:status").output();
        assertThat(counter(before, "leasequery.dropped.not-allowed")).isZero();
        assertThat(counter(before, "leasequery.answered.active")).isEqualTo(3);
        assertThat(counter(before, "leasequery.answered.unassigned")).isEqualTo(2);
        assertThat(counter(before, "leasequery.answered.unknown")).isEqualTo(3);
        TestNetwork.exec(net.client(), "ip", "addr", "replace", OUTSIDER_IP + "/16", "dev", "cli0");
        List<String> cmd = new ArrayList<>(Exec.inNs(net.client(), "/usr/bin/python3",
                work.resolve("leasequery.py").toString(), "--giaddr", OUTSIDER_IP, "--ip", ip, "--timeout", "3"));
        Exec.Result outsider = Exec.run(Duration.ofSeconds(30), null, cmd).check();
        assertThat(outsider.output().trim()).isEqualTo("NOREPLY");
        String after = server.console("dhcp:status").output();
        assertThat(counter(after, "leasequery.dropped.not-allowed")).isEqualTo(1);
        assertThat(counter(after, "drop.handler")).isEqualTo(counter(before, "drop.handler") + 1);
        assertThat(counter(after, "leasequery.answered.unassigned")).isEqualTo(2);
    }

    /**
     * ISC's way: no relays listed, {@code allow leasequery;} in the relay's subnet. Before the statement
     * the capability is inert (the query is an unknown message type to the core); after a reload the
     * relay is answered, and a giaddr on a subnet without the statement is not.
     */
    @Test
    @Order(2)
    void allowLeasequeryInTheRelaysSubnetAnswersItAsIscDhcpdDoes() throws Exception {
        assertThat(server.console("config:delete org.leasehold.leasequery").exitCode()).isZero();
        Awaitility.await("relays ACL gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> server.console("dhcp:status").output().lines().map(String::trim)
                        .anyMatch(l -> l.startsWith("leasequery.relays") && l.endsWith("[]")));
        long unknownTypes = counter(server.console("dhcp:status").output(), "drop.type-10");
        assertThat(query("--ip", "198.51.100.150")).isEqualTo("NOREPLY");
        assertThat(counter(server.console("dhcp:status").output(), "drop.type-10")).isEqualTo(unknownTypes + 1);

        String conf = Files.readString(server.home().resolve("etc/dhcpd.conf")).replace(
                "  option routers 198.51.100.1;\n", "  option routers 198.51.100.1;\n  allow leasequery;\n");
        assertThat(conf).contains("allow leasequery;");
        server.writeFile("etc/dhcpd.conf", conf);
        assertThat(server.console("dhcp:reload").output()).doesNotContain("rror");
        assertThat(server.console("dhcp:config-check").output()).doesNotContain("allow leasequery");
        assertThat(query("--ip", "198.51.100.150")).startsWith("LEASEUNASSIGNED ").contains("ciaddr=198.51.100.150");

        long refused = counter(server.console("dhcp:status").output(), "leasequery.dropped.not-allowed");
        TestNetwork.exec(net.client(), "ip", "addr", "replace", OUTSIDER_IP + "/16", "dev", "cli0");
        List<String> cmd = new ArrayList<>(Exec.inNs(net.client(), "/usr/bin/python3",
                work.resolve("leasequery.py").toString(), "--giaddr", OUTSIDER_IP, "--ip", "198.51.100.150",
                "--timeout", "3"));
        assertThat(Exec.run(Duration.ofSeconds(30), null, cmd).check().output().trim()).isEqualTo("NOREPLY");
        assertThat(counter(server.console("dhcp:status").output(), "leasequery.dropped.not-allowed"))
                .isEqualTo(refused + 1);
    }

    /** One leasequery from the relay namespace: its one-line answer, or NOREPLY. */
    private String query(String... what) throws Exception {
        List<String> cmd = new ArrayList<>(Exec.inNs(net.relay(), "/usr/bin/python3",
                work.resolve("leasequery.py").toString(), "--server", TestNetwork.SERVER_IP, "--giaddr",
                TestNetwork.RELAY_DOWN_IP, "--timeout", "5"));
        cmd.addAll(List.of(what));
        String out = Exec.run(Duration.ofSeconds(30), null, cmd).check().output().trim();
        return out.lines().reduce((a, b) -> b).orElse(out);
    }

    private static long seconds(String answer, String option) {
        for (String f : answer.split(" ")) {
            if (f.startsWith(option + "=")) {
                return Long.parseLong(f.substring(option.length() + 1));
            }
        }
        throw new AssertionError("no " + option + " in " + answer);
    }

    /** The value of a {@code dhcp:status} line {@code key value}; 0 when the line is absent. */
    private static long counter(String status, String key) {
        for (String line : status.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals(key)) {
                return Long.parseLong(f[f.length - 1]);
            }
        }
        return 0;
    }
}
