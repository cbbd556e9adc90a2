package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * DDNS end to end: the built distribution with {@code leasehold-ddns} hot-installed, a real BIND named
 * (Debian's bind9) in the server's namespace that accepts only TSIG-signed updates, and real clients:
 * ISC dhclient sending its client FQDN option 81, dhcpcd sending only a host name. Checked with dig:
 * A, DHCID and PTR after the grant, gone after the release and after the expiry; another client's claim on a held name
 * refused (RFC 4703); named stopped, then started: the queued update lands; Leasehold killed with
 * the update queued: done after the restart; a wrong key refused and counted; a forged unsigned
 * answer rejected, counted and logged; {@code secure-ddns}
 * with a keyless zone rejected at its line; the feature uninstalled with every lease kept.
 *
 * <p>Root only (namespaces, port 67); needs bind9, bind9-dnsutils, isc-dhcp-client, dhcpcd-base,
 * tshark. Run: {@code mvn -B verify -pl itests -am -Dit.test=DdnsIT}. Work files (named's log and
 * zones, the server's console log, captures) stay in {@code itests/target/e2e-ddns-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class DdnsIT {

    private static final List<String> TOOLS = List.of("ip", "dhclient", "dhcpcd", "named", "dig", "dumpcap", "tshark");
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration DNS_WAIT = Duration.ofSeconds(30);
    private static final String FORGED_MAC = "02:00:00:00:0d:09";
    private static final String FORGER_IP = "127.0.0.2";
    private static final String FQDN_CONF = "send fqdn.fqdn \"%s\"; send fqdn.encoded on; send fqdn.server-update on;";

    private Path work;
    private TestNetwork net;
    private NamedDns named;
    private LeaseholdServer server;
    private PacketCapture capture;
    private String otherClient;

    @BeforeAll
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : TOOLS) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-ddns-");
        for (String r : List.of("scenario.sh", "txoff.py", "dhcpd.conf", "org.leasehold.core.cfg", "dns_forger.py")) {
            try (InputStream in = DdnsIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        otherClient = net.addClient(work.resolve("txoff.py"), "cli3", "cli3");
        named = NamedDns.start(net.server(), work.resolve("named"));
        capture = PacketCapture.start(net.server(), "srv0", work.resolve("srv0.pcap"));
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.copy(work.resolve("org.leasehold.core.cfg"), server.home().resolve("etc/org.leasehold.core.cfg"),
                StandardCopyOption.REPLACE_EXISTING);
        server.writeFile("etc/dhcpd.conf", conf(NamedDns.dhcpdConf(NamedDns.SECRET)));
        server.start(67);
        server.installFeatures("leasehold-ddns");
        Awaitility.await("DDNS on").atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> server.console("dhcp:ddns-status").output().contains("style = standard"));
    }

    /**
     * The e2e configuration with DDNS switched on in the standard style, every update signed; one host
     * ({@value #FORGED_MAC}) registers under forged.test, whose "server" is {@code dns_forger.py}.
     */
    private String conf(String keysAndZones) throws Exception {
        return "ddns-update-style standard;\nddns-updates on;\nsecure-ddns true;\n"
                + "ddns-domainname \"example.test.\";\nddns-rev-domainname \"in-addr.arpa.\";\n"
                + keysAndZones + "zone forged.test. { primary " + FORGER_IP + "; key " + NamedDns.KEY + "; }\n"
                + "host forged { hardware ethernet " + FORGED_MAC + "; ddns-domainname \"forged.test\"; }\n"
                + Files.readString(work.resolve("dhcpd.conf"));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (capture != null) {
                capture.close();
            }
            if (server != null) {
                server.close();
            }
            if (named != null) {
                named.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    private ClientRun client(String ns, String ifname, String kind, String mac, String name, String dir) throws Exception {
        net.setMac(ns, ifname, mac);
        Map<String, String> env = kind.equals("dhclient")
                ? Map.of("SCENARIO_HOSTNAME", name, "SCENARIO_DHCLIENT_EXTRA", String.format(FQDN_CONF, name))
                : Map.of("SCENARIO_HOSTNAME", name);
        return ClientRun.start(ns, work.resolve("scenario.sh"), kind, ifname, work.resolve(dir), 20, env);
    }

    private String acquired(ClientRun c) throws Exception {
        String line = c.awaitStep("renew", STEP).orElseThrow(() -> new AssertionError("no lease:\n" + c.transcript()));
        return ClientRun.ipOf(line).orElseThrow();
    }

    private static String reverse(String ip) {
        String[] o = ip.split("\\.");
        return o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa";
    }

    private void awaitRecords(String name, String ip) {
        Awaitility.await(name + " registered").atMost(DNS_WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                named.dig(name, "A").equals(ip) && !named.dig(name, "DHCID").isEmpty()
                        && named.dig(reverse(ip), "PTR").equals(name + "."));
    }

    private void awaitGone(String name, String ip) {
        Awaitility.await(name + " removed").atMost(DNS_WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                named.dig(name, "ANY").isEmpty() && named.dig(reverse(ip), "PTR").isEmpty());
    }

    /** Lets a paused scenario renew and release, and checks it did. */
    private void finish(ClientRun c) throws Exception {
        c.proceed();
        c.awaitStep("release", STEP).orElseThrow(() -> new AssertionError("no renew:\n" + c.transcript()));
        c.proceed();
        assertThat(c.finish(STEP)).as(c.transcript()).isZero();
    }

    @Test
    @Order(1)
    void dhclientWithFqdnOptionIsRegisteredSignedAndRemovedOnRelease() throws Exception {
        try (ClientRun c = client(net.client(), "cli0", "dhclient", "02:00:00:00:0d:01", "ddns-one", "c1")) {
            String ip = acquired(c);
            awaitRecords("ddns-one.example.test", ip);
            assertThat(named.log()).contains("signer \"" + NamedDns.KEY + "\" approved");
            String leases = server.console("dhcp:lease-list --mac 02:00:00:00:0d:01").check().output();
            assertThat(leases).contains("ddns-one.example.test");
            String show = server.console("dhcp:lease-show " + ip).check().output();
            assertThat(show).contains("ddns-fwd-name").contains("ddns-rev-name").contains("ddns-dhcid");
            Awaitility.await().atMost(DNS_WAIT).until(() ->
                    server.console("dhcp:lease-show " + ip).output().matches("(?s).*leasehold-ddns\\W+done.*"));
            finish(c);
            awaitGone("ddns-one.example.test", ip);
        }
        // the ACK answered option 81 with S set and the name the server registered (RFC 4702 §4.2)
        String acks = Exec.run(Duration.ofSeconds(60), "tshark", "-n", "-r", capture.file().toString(), "-Y",
                "dhcp.option.dhcp == 5 && dhcp.option.type == 81", "-V").output();
        assertThat(acks).contains("ddns-one.example.test");
    }

    @Test
    @Order(2)
    void expiryRemovesTheRecords() throws Exception {
        String mac = "02:00:00:00:0d:08";
        net.setMac(net.client(), "cli0", mac);
        Map<String, String> env = Map.of("SCENARIO_HOSTNAME", "ddns-expire", "SCENARIO_DHCLIENT_EXTRA",
                String.format(FQDN_CONF, "ddns-expire") + " send dhcp-lease-time 8;");
        String ip;
        try (ClientRun c = ClientRun.start(net.client(), work.resolve("scenario.sh"), "dhclient", "cli0",
                work.resolve("c8"), 20, env)) {
            ip = acquired(c);
            awaitRecords("ddns-expire.example.test", ip);
        } // the client is killed here: no RELEASE, the lease runs out
        Awaitility.await("lease expired").atMost(STEP).pollInterval(Duration.ofSeconds(1)).until(() ->
                server.console("dhcp:lease-list --mac " + mac).output().contains("expired"));
        awaitGone("ddns-expire.example.test", ip);
    }

    @Test
    @Order(3)
    void dhcpcdHostNameIsRegisteredAndRemovedOnRelease() throws Exception {
        try (ClientRun c = client(net.client(), "cli0", "dhcpcd", "02:00:00:00:0d:02", "ddns-two", "c2")) {
            String ip = acquired(c);
            awaitRecords("ddns-two.example.test", ip);
            finish(c);
            awaitGone("ddns-two.example.test", ip);
        }
    }

    @Test
    @Order(4)
    void anotherClientCannotTakeAHeldName() throws Exception {
        try (ClientRun holder = client(net.client(), "cli0", "dhclient", "02:00:00:00:0d:03", "taken", "c3a")) {
            String ip = acquired(holder);
            awaitRecords("taken.example.test", ip);
            try (ClientRun intruder = client(otherClient, "cli3", "dhcpcd", "02:00:00:00:0d:04", "taken", "c3b")) {
                String ip2 = acquired(intruder);
                Awaitility.await("conflict counted").atMost(DNS_WAIT).until(() ->
                        server.console("dhcp:lease-show " + ip2).output().matches("(?s).*leasehold-ddns\\W+conflict.*"));
                assertThat(named.dig("taken.example.test", "A")).isEqualTo(ip);
                assertThat(named.dig(reverse(ip2), "PTR")).isEmpty();
                assertThat(server.console("dhcp:ddns-status").check().output()).containsPattern("conflicts = [1-9]");
                finish(intruder);
            }
            // the intruder's release removed nothing of the holder's
            assertThat(named.dig("taken.example.test", "A")).isEqualTo(ip);
            assertThat(named.dig(reverse(ip), "PTR")).isEqualTo("taken.example.test.");
            finish(holder);
            awaitGone("taken.example.test", ip);
        }
    }

    @Test
    @Order(5)
    void namedDownLeasesStillGrantedUpdatesLandWhenItReturns() throws Exception {
        named.stop();
        try (ClientRun c = client(net.client(), "cli0", "dhcpcd", "02:00:00:00:0d:05", "ddns-four", "c4")) {
            String ip = acquired(c);
            Awaitility.await("update queued").atMost(DNS_WAIT).until(() ->
                    server.console("dhcp:ddns-status").output().matches("(?s).*queued = [1-9].*"));
            named.run();
            awaitRecords("ddns-four.example.test", ip);
            finish(c);
            awaitGone("ddns-four.example.test", ip);
        }
    }

    @Test
    @Order(6)
    void queuedUpdateSurvivesAKill() throws Exception {
        named.stop();
        try (ClientRun c = client(net.client(), "cli0", "dhcpcd", "02:00:00:00:0d:06", "ddns-five", "c5")) {
            String ip = acquired(c);
            server.kill();
            named.run();
            server.start(67);
            awaitRecords("ddns-five.example.test", ip);
            finish(c);
            awaitGone("ddns-five.example.test", ip);
        }
    }

    @Test
    @Order(7)
    void secureDdnsRejectsAKeylessZoneAtItsLine() throws Exception {
        String keyless = "zone example.test. { primary 127.0.0.1; }\n";
        server.writeFile("etc/dhcpd.conf", conf(keyless));
        String out = server.console("dhcp:reload").output();
        assertThat(out).contains("rejected").containsPattern("dhcpd\\.conf:6:1: secure-ddns is on, but zone example.test"
                + " has no key");
        server.writeFile("etc/dhcpd.conf", conf(NamedDns.dhcpdConf(NamedDns.SECRET)));
        assertThat(server.console("dhcp:reload").check().output()).contains("reloaded");
    }

    @Test
    @Order(8)
    void aWrongKeyIsRefusedByNamedCountedAndLogged() throws Exception {
        String wrong = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        server.writeFile("etc/dhcpd.conf", conf(NamedDns.dhcpdConf(wrong)));
        assertThat(server.console("dhcp:reload").check().output()).contains("reloaded");
        try (ClientRun c = client(net.client(), "cli0", "dhcpcd", "02:00:00:00:0d:07", "ddns-seven", "c7")) {
            String ip = acquired(c);
            Awaitility.await("refusal counted").atMost(DNS_WAIT).until(() ->
                    server.console("dhcp:ddns-status").output().matches("(?s).*refused = [1-9].*"));
            assertThat(server.console("dhcp:ddns-status").output()).contains("NOTAUTH");
            assertThat(server.log()).contains("NOTAUTH");
            assertThat(named.dig("ddns-seven.example.test", "A")).isEmpty();
            assertThat(named.log()).containsPattern("(?i)tsig|bad ?sig|signature");
            finish(c);
        } finally {
            server.writeFile("etc/dhcpd.conf", conf(NamedDns.dhcpdConf(NamedDns.SECRET)));
            server.console("dhcp:reload").check();
        }
    }

    @Test
    @Order(9)
    void aForgedDnsAnswerIsRejectedCountedAndLogged() throws Exception {
        Process forger = new ProcessBuilder(Exec.inNs(net.server(), "/usr/bin/python3",
                work.resolve("dns_forger.py").toString(), FORGER_IP)).redirectErrorStream(true)
                .redirectOutput(work.resolve("forger.log").toFile()).start();
        try (ClientRun c = client(net.client(), "cli0", "dhcpcd", FORGED_MAC, "victim", "c9")) {
            Awaitility.await("forger up").atMost(STEP).until(() -> Files.readString(work.resolve("forger.log"))
                    .contains("forging on"));
            acquired(c);
            Awaitility.await("bad reply counted").atMost(DNS_WAIT).until(() ->
                    server.console("dhcp:ddns-status").output().matches("(?s).*bad-replies = [1-9].*"));
            assertThat(Files.readString(work.resolve("forger.log"))).contains("forged an answer");
            assertThat(server.log()).contains("DDNS: bad reply").contains("not signed");
            assertThat(server.console("dhcp:ddns-status").output()).contains("forged.test");
            finish(c);
        } finally {
            Exec.stop(forger, Duration.ofSeconds(10));
        }
    }

    @Test
    @Order(10)
    void featureUninstallsWithEveryLeaseKept() throws Exception {
        String before = server.console("dhcp:lease-list").check().output();
        server.console("feature:uninstall leasehold-ddns").check();
        Awaitility.await("ddns commands gone").atMost(STEP).until(() ->
                server.console("dhcp:ddns-status").exitCode() != 0);
        // the lease table as it was, variables and host names included; and the server still serves
        assertThat(server.console("dhcp:lease-list").check().output()).isEqualTo(before);
        assertThat(server.console("dhcp:lease-list --mac 02:00:00:00:0d:02").check().output())
                .contains("ddns-two.example.test");
        String probe = server.console("dhcp:probe --relay 198.51.100.1 --mac 02:00:00:00:0d:99").check().output();
        assertThat(server.console("dhcp:lease-list --mac 02:00:00:00:0d:99").check().output())
                .as(probe).contains("active");
    }
}
