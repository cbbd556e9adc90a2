package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built distribution serving real third-party clients end to end: ISC dhclient, busybox udhcpc
 * and dhcpcd on the server's LAN (acquire, renew, release, each step checked in the console's lease
 * table), dhclient behind ISC {@code dhcrelay -a} (option 82 in the lease, never at the client), a
 * DHCPINFORM and a BOOTP client (python3-scapy), {@code dhcp:probe}, {@code dhcp:reload}, a
 * restart; tshark then checks both captures for malformed frames.
 *
 * <p>Runs as root only (namespaces, port 67) and is skipped otherwise; needs isc-dhcp-client,
 * udhcpc, dhcpcd-base, isc-dhcp-relay, python3-scapy, tshark, iproute2. Everything happens in
 * namespaces named {@code lhXXXXXX-*} (random per run) on 198.18.0.0/16 and 198.51.100.0/24,
 * created and removed here. Run: {@code mvn -B verify -pl itests -am -Dit.test=RealClientsIT}.
 * Captures, client logs and the server's console log stay in {@code itests/target/e2e-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class RealClientsIT {

    private static final List<String> TOOLS =
            List.of("ip", "dhclient", "udhcpc", "dhcpcd", "dhcrelay", "dumpcap", "tshark");
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration LEASE_WAIT = Duration.ofSeconds(20);

    private Path work;
    private TestNetwork net;
    private LeaseholdServer server;
    private PacketCapture lanCapture;
    private PacketCapture relayedCapture;
    private Process relay;

    @BeforeAll
    void startServer() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : TOOLS) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 (python3-scapy) is needed");
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-");
        for (String r : List.of("scenario.sh", "dhcp_probe.py", "txoff.py", "dhcpd.conf", "dhcpd-bad.conf",
                "org.leasehold.core.cfg")) {
            try (InputStream in = RealClientsIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        lanCapture = PacketCapture.start(net.server(), "srv0", work.resolve("srv0.pcap"));
        relayedCapture = PacketCapture.start(net.relayedClient(), "cli2", work.resolve("cli2.pcap"));
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.copy(work.resolve("dhcpd.conf"), server.home().resolve("etc/dhcpd.conf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(work.resolve("org.leasehold.core.cfg"), server.home().resolve("etc/org.leasehold.core.cfg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        server.start(67);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            Exec.stop(relay, Duration.ofSeconds(10));
            if (relayedCapture != null) {
                relayedCapture.close();
            }
            if (lanCapture != null) {
                lanCapture.close();
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

    @Test
    @Order(1)
    void dhclientAcquiresRenewsReleases() throws Exception {
        clientLifecycle("dhclient", "02:00:00:00:0c:11");
    }

    @Test
    @Order(2)
    void udhcpcAcquiresRenewsReleases() throws Exception {
        clientLifecycle("udhcpc", "02:00:00:00:0c:12");
    }

    @Test
    @Order(3)
    void dhcpcdAcquiresRenewsReleases() throws Exception {
        clientLifecycle("dhcpcd", "02:00:00:00:0c:13");
    }

    @Test
    @Order(4)
    void relayedClientGetsAddressOfRelaySubnetAndOption82StaysServerSide() throws Exception {
        relay = new ProcessBuilder(Exec.inNs(net.relay(), "dhcrelay", "-4", "-d", "-a", "-iu", "rel1", "-id", "rel0",
                "-pf", work.resolve("dhcrelay.pid").toString(), TestNetwork.SERVER_IP))
                .redirectErrorStream(true).redirectOutput(work.resolve("dhcrelay.log").toFile()).start();
        Awaitility.await("dhcrelay listening").atMost(Duration.ofSeconds(20)).until(() ->
                Exec.run(Duration.ofSeconds(10), null, Exec.inNs(net.relay(), "ss", "-Hlun", "sport = :67"))
                        .output().contains(":67"));
        String mac = "02:00:00:00:0c:21";
        net.setMac(net.relayedClient(), "cli2", mac);
        String ip = runClient(net.relayedClient(), "cli2", "dhclient", mac, TestNetwork.RELAYED_LAN);
        assertThat(ip).startsWith("198.51.100.");
        // dhcrelay -a adds circuit-id = the downstream interface name ("rel0" = 72656c30).
        String line = awaitLease(ip, "RELEASED");
        assertThat(line.toLowerCase()).containsAnyOf("72656c30", "rel0");
    }

    @Test
    @Order(5)
    void informGetsConfigurationWithoutLease() throws Exception {
        String mac = "02:00:00:00:0c:41";
        net.setMac(net.client(), "cli0", mac);
        TestNetwork.exec(net.client(), "ip", "addr", "replace", "198.18.0.50/16", "dev", "cli0");
        try {
            Map<Integer, String> reply = probe(net.client(), "inform", "--ciaddr", "198.18.0.50", "--mac", mac);
            assertThat(reply.get(-1)).contains("op=2", "type=5", "yiaddr=0.0.0.0", "dst=198.18.0.50");
            assertThat(reply).containsKeys(54, 1, 3).doesNotContainKeys(51, 58, 59);
            assertThat(reply.get(54)).isEqualTo("c6120001");
            assertThat(reply.get(3)).isEqualTo("c6120001");
        } finally {
            TestNetwork.exec(net.client(), "ip", "-4", "addr", "flush", "dev", "cli0");
        }
    }

    @Test
    @Order(6)
    void bootpClientGetsFixedAddressAndNoDhcpOptions() throws Exception {
        String mac = "02:00:00:00:0c:42";
        net.setMac(net.client(), "cli0", mac);
        Map<Integer, String> reply = probe(net.client(), "bootp", "--iface", "cli0", "--mac", mac);
        assertThat(reply.get(-1)).contains("op=2", "yiaddr=198.18.0.42");
        assertThat(reply).doesNotContainKeys(53, 51, 54, 58, 59);
        assertThat(reply.get(1)).isEqualTo("ffff0000");
    }

    @Test
    @Order(7)
    void probeRunsARelayedExchangeFromTheConsole() throws Exception {
        String out = server.console("dhcp:probe --relay 198.51.100.1 --circuit-id probe-circuit --remote-id probe-remote"
                + " --mac 02:00:00:00:0c:61").check().output();
        assertThat(out).containsPattern("DISCOVER: OFFER yiaddr=198\\.51\\.100\\.\\d+")
                .containsPattern("REQUEST: ACK yiaddr=198\\.51\\.100\\.\\d+ server-id=\\S+ lease=600")
                .contains("option82=010d70726f62652d63697263756974020c70726f62652d72656d6f7465");
        awaitLeaseOf("02:00:00:00:0c:61", "ACTIVE");
    }

    @Test
    @Order(8)
    void reloadRejectsABadFileKeepsServingAndAppliesAGoodOneWithoutLosingLeases() throws Exception {
        Path conf = server.home().resolve("etc/dhcpd.conf");
        String good = Files.readString(conf);
        List<String> before = leaseAddresses();
        assertThat(before).isNotEmpty();
        Files.copy(work.resolve("dhcpd-bad.conf"), conf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Exec.Result rejected = server.console("dhcp:reload");
        assertThat(rejected.output()).contains("rejected").containsPattern("dhcpd\\.conf:\\d+");
        String still = server.console("dhcp:probe --relay 198.51.100.1 --mac 02:00:00:00:0c:62").check().output();
        assertThat(still).containsPattern("REQUEST: ACK yiaddr=198\\.51\\.100\\.\\d+ server-id=\\S+ lease=600");
        Files.writeString(conf, good.replace("default-lease-time 600;", "default-lease-time 900;"));
        assertThat(server.console("dhcp:reload").check().output()).contains("reloaded");
        String applied = server.console("dhcp:probe --relay 198.51.100.1 --mac 02:00:00:00:0c:63").check().output();
        assertThat(applied).containsPattern("REQUEST: ACK yiaddr=198\\.51\\.100\\.\\d+ server-id=\\S+ lease=900");
        assertThat(leaseAddresses()).containsAll(before);
    }

    @Test
    @Order(9)
    void leasesSurviveARestartAndAClientGetsItsAddressBack() throws Exception {
        List<String> before = leaseAddresses();
        String line = awaitLeaseLine("02:00:00:00:0c:61", "ACTIVE");
        String address = line.trim().split("\\s+")[0];
        server.close();
        assertThat(server.alive()).isFalse();
        server.start(67);
        assertThat(leaseAddresses()).containsAll(before);
        String out = server.console("dhcp:probe --relay 198.51.100.1 --mac 02:00:00:00:0c:61").check().output();
        assertThat(out).contains("REQUEST: ACK yiaddr=" + address + " ");
    }

    @Test
    @Order(10)
    void rebootingClientWithAnAddressOfAnotherNetworkIsNakedAndStartsOver() throws Exception {
        String mac = "02:00:00:00:0c:14";
        net.setMac(net.client(), "cli0", mac);
        Path wd = work.resolve("dhclient-reboot");
        Files.createDirectories(wd);
        // a remembered, unexpired lease from elsewhere: dhclient starts in INIT-REBOOT asking for it
        Files.writeString(wd.resolve("dhclient.leases"), """
                lease {
                  interface "cli0";
                  fixed-address 198.19.0.5;
                  option subnet-mask 255.255.255.0;
                  option dhcp-lease-time 600;
                  option dhcp-server-identifier 198.18.0.1;
                  renew 4 2037/01/01 00:00:00;
                  rebind 4 2037/01/01 00:00:00;
                  expire 4 2037/01/01 00:00:00;
                }
                """);
        String ip;
        try (ClientRun run = ClientRun.start(net.client(), work.resolve("scenario.sh"), "dhclient", "cli0", wd, 20)) {
            Optional<String> renew = run.awaitStep("renew", STEP);
            assertThat(renew).as("acquire after NAK:%n%s", run.transcript()).isPresent();
            ip = ClientRun.ipOf(renew.get()).orElseThrow();
            run.proceed();
            run.awaitStep("release", STEP);
            run.proceed();
            assertThat(run.finish(STEP)).as(run.transcript()).isZero();
        }
        assertThat(ip).startsWith("198.18.1.");
        assertThat(awaitLease(ip, "RELEASED").toLowerCase()).contains(mac);
        assertThat(Files.readString(wd.resolve("client.log"))).contains("DHCPNAK");
    }

    @Test
    @Order(100)
    void captureHasNoMalformedPacketAndNoOption82TowardsClients() throws Exception {
        lanCapture.close();
        relayedCapture.close();
        assertThat(lanCapture.frames("dhcp")).hasSizeGreaterThan(10);
        assertThat(lanCapture.frames("_ws.malformed || _ws.expert.severity == error"))
                .as(lanCapture.summary("_ws.malformed || _ws.expert.severity == error")).isEmpty();
        assertThat(relayedCapture.frames("dhcp.type == 2")).isNotEmpty();
        assertThat(relayedCapture.frames("_ws.malformed || _ws.expert.severity == error")).isEmpty();
        assertThat(relayedCapture.frames("dhcp.option.type == 82"))
                .as(relayedCapture.summary("dhcp.option.type == 82")).isEmpty();
        assertThat(lanCapture.frames("dhcp.option.dhcp == 3 && dhcp.option.requested_ip_address == 198.19.0.5"))
                .as("the rebooting client asked for its old address").isNotEmpty();
        assertThat(lanCapture.frames("dhcp.option.dhcp == 6")).as("and was NAKed").isNotEmpty();
        // renewals are unicast REQUESTs with ciaddr set, each answered by an ACK
        assertThat(lanCapture.frames("dhcp.option.dhcp == 3 && dhcp.ip.client != 0.0.0.0")).hasSizeGreaterThanOrEqualTo(3);
    }

    private void clientLifecycle(String client, String mac) throws Exception {
        net.setMac(net.client(), "cli0", mac);
        String ip = runClient(net.client(), "cli0", client, mac, TestNetwork.LAN);
        assertThat(ip).startsWith("198.18.1.");
    }

    /** Drives one client through acquire/renew/release, checking the lease table at each step. */
    private String runClient(String ns, String ifname, String client, String mac, String range) throws Exception {
        Path wd = work.resolve(client + "-" + ns);
        try (ClientRun run = ClientRun.start(ns, work.resolve("scenario.sh"), client, ifname, wd, 20)) {
            Optional<String> renew = run.awaitStep("renew", STEP);
            assertThat(renew).as("acquire by %s:%n%s%n%s", client, run.transcript(), server.log()).isPresent();
            String ip = ClientRun.ipOf(renew.get()).orElseThrow();
            assertThat(awaitLease(ip, "ACTIVE").toLowerCase()).contains(mac);
            run.proceed();
            assertThat(run.awaitStep("release", STEP)).as("renew by %s:%n%s", client, run.transcript()).isPresent();
            assertThat(awaitLease(ip, "ACTIVE").toLowerCase()).contains(mac);
            run.proceed();
            int rc = run.finish(STEP);
            assertThat(rc).as("%s scenario:%n%s", client, run.transcript()).isZero();
            assertThat(run.result("acquire")).hasValueSatisfying(l -> assertThat(l).contains(" ok "));
            assertThat(run.result("renew")).hasValueSatisfying(l -> assertThat(l).contains(" ok ", "ip=" + ip));
            assertThat(run.result("release")).hasValueSatisfying(l -> assertThat(l).contains(" ok "));
            awaitLease(ip, "RELEASED");
            return ip;
        }
    }

    /** Waits until the console's lease table has a line for {@code ip} in {@code state}; returns it. */
    private String awaitLease(String ip, String state) {
        String[] found = new String[1];
        Awaitility.await("lease " + ip + " " + state).atMost(LEASE_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (String line : server.console(LEASE_TABLE).output().split("\n")) {
                        if (line.matches(".*\\b" + ip.replace(".", "\\.") + "\\b.*") && hasState(line, state)) {
                            found[0] = line;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    private static final String LEASE_TABLE = "dhcp:status --leases";

    /** Whether a row of the lease table shows binding state {@code state} (ISC's lower-case names). */
    private static boolean hasState(String row, String state) {
        return java.util.Arrays.stream(row.split("\\|")).map(String::trim).anyMatch(state::equalsIgnoreCase);
    }

    /** The addresses in the console's lease table. */
    private List<String> leaseAddresses() throws IOException, InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        for (String line : server.console(LEASE_TABLE).check().output().split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(?:\\S+:)?(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s+\\|").matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private void awaitLeaseOf(String mac, String state) {
        awaitLeaseLine(mac, state);
    }

    /** Waits until the lease table has a line for {@code mac} in {@code state}; returns it. */
    private String awaitLeaseLine(String mac, String state) {
        String[] found = new String[1];
        Awaitility.await("lease of " + mac + " " + state).atMost(LEASE_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    found[0] = server.console(LEASE_TABLE).output().lines()
                            .filter(l -> l.toLowerCase().contains(mac) && hasState(l, state)).findFirst().orElse(null);
                    return found[0] != null;
                });
        return found[0];
    }

    /** Runs dhcp_probe.py; key -1 is the REPLY summary line, other keys are option codes (hex values). */
    private Map<Integer, String> probe(String ns, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(Exec.inNs(ns, "/usr/bin/python3", work.resolve("dhcp_probe.py").toString()));
        cmd.addAll(List.of(args));
        Exec.Result r = Exec.run(Duration.ofSeconds(30), null, cmd);
        assertThat(r.exitCode()).as("probe %s:%n%s%n%s", List.of(args), r.output(), server.log()).isZero();
        Map<Integer, String> out = new TreeMap<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("REPLY ")) {
                out.put(-1, line);
            } else if (line.startsWith("OPT ")) {
                String[] f = line.split(" ");
                out.put(Integer.parseInt(f[1]), f.length > 2 ? f[2] : "");
            }
        }
        return out;
    }
}
