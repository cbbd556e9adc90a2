package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Geographic redundancy as docs/georedundancy.md sets it up: two sites, each a namespace with its
 * own PostgreSQL 15 and its own Leasehold; the databases replicate the configuration tables to each
 * other by PostgreSQL's logical replication (one publication per site, filtered on the site's rows);
 * the servers are a failover pair across the sites (A primary with all hash buckets, B secondary).
 * <ul>
 * <li>A dhcpd.conf pushed at A ({@code dhcp:config-push}) is in force at B within seconds, and B's
 * DHCPINFORM answer carries its new domain name;</li>
 * <li>a bad one is refused at both sites, each verdict (with the error at file:line) seen at both,
 * and both keep serving the previous one; without {@code --force} it is not even stored;</li>
 * <li>a real dhclient leased at A gets its lease renewed (INIT-REBOOT) by B after A is killed.</li>
 * </ul>
 * Root only; needs postgresql 15, dhclient, python3, iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=GeoRedundancyIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeoRedundancyIT {

    static final String A_IP = "198.18.0.1";
    static final String B_IP = "198.18.0.3";
    static final String PROBE_IP = "198.18.0.2";
    static final String DB_PASSWORD = "geo-test-pw";

    private Path work;
    private TestNetwork net;
    private String siteB;
    private String dhcpClient;
    private PostgresCluster dbA;
    private PostgresCluster dbB;
    private LeaseholdServer a;
    private LeaseholdServer b;

    @BeforeAll
    void sites() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        assumeTrue(PostgresCluster.installed(), "PostgreSQL 15 (Debian package postgresql) is not installed");
        for (String tool : List.of("ip", "dhclient")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = TestNetwork.workDir("e2e-geo-");
        for (String r : List.of("dhcp_probe.py", "dhclient_once.sh")) {
            try (InputStream in = getClass().getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        siteB = net.addServer(work.resolve("txoff.py"), "srv2", B_IP);
        dhcpClient = net.addClient(work.resolve("txoff.py"), "dc", "dc0");
        net.setMac(dhcpClient, "dc0", "02:00:00:00:6e:01");
        TestNetwork.exec(net.client(), "ip", "addr", "add", PROBE_IP + "/16", "dev", "cli0");

        dbA = database("pg-a", net.server(), A_IP);
        dbB = database("pg-b", siteB, B_IP);
    }

    private PostgresCluster database(String name, String ns, String ip) throws Exception {
        PostgresCluster pg = PostgresCluster.init(work.resolve(name), ns, ip, "super-" + DB_PASSWORD);
        pg.start();
        pg.createOwner("leasehold", "leasehold", DB_PASSWORD);
        // the role that the other site's subscription logs in as (docs/georedundancy.md, step 2)
        pg.sql("postgres", "CREATE ROLE leasehold_repl LOGIN REPLICATION PASSWORD '" + DB_PASSWORD + "'");
        return pg;
    }

    @AfterAll
    void stop() throws Exception {
        for (LeaseholdServer s : new LeaseholdServer[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        for (PostgresCluster pg : new PostgresCluster[] {dbA, dbB}) {
            if (pg != null) {
                pg.close();
            }
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void configPushedAtOneSiteServesAtBothBadOnesAtNeitherAndLeasesSurviveTheLossOfASite() throws Exception {
        a = server("site-a", net.server(), "a", dbA, true, A_IP, B_IP);
        b = server("site-b", siteB, "b", dbB, false, B_IP, A_IP);
        a.start(67);
        b.start(67);
        for (LeaseholdServer s : List.of(a, b)) {
            assertThat(s.console("feature:install leasehold-failover").output()).doesNotContain("Error");
            assertThat(s.console("feature:install leasehold-store-pgsql").output()).doesNotContain("Error");
        }
        awaitStatus(a, "pgsql\\.database\\s+up since");
        awaitStatus(b, "pgsql\\.database\\s+up since");
        replicate(dbA, "a", dbB, B_IP);
        replicate(dbB, "b", dbA, A_IP);
        assertThat(domainOf(B_IP)).isEqualTo("v0.example");

        // a good configuration pushed at A: in force at A at once, at B within seconds
        a.writeFile("etc/v1.conf", shared("v1.example"));
        String pushed = a.console("dhcp:config-push -m 'domain v1' etc/v1.conf").output();
        assertThat(pushed).contains("Stored version 1@a").contains("In force on srv-a");
        awaitStatus(b, "pgsql\\.config\\.in-force\\s+1@a");
        assertThat(domainOf(B_IP)).isEqualTo("v1.example");
        assertThat(domainOf(A_IP)).isEqualTo("v1.example");
        assertThat(Files.readString(b.home().resolve("etc/dhcpd.conf"))).isEqualTo(shared("v1.example"));

        // a bad one: refused by the check at the console; stored with --force, refused by both servers
        a.writeFile("etc/bad.conf", shared("v2.example").replace("max-lease-time 7200;", "max-lease-time seven;"));
        Exec.Result refused = a.console("dhcp:config-push etc/bad.conf");
        assertThat(refused.output()).contains("Refused").contains("bad.conf:3");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(dbA.sql("leasehold", "SELECT count(*) FROM leasehold_config_version")).isEqualTo("1\n");
        String forced = a.console("dhcp:config-push --force -m 'typo' etc/bad.conf").output();
        assertThat(forced).contains("Stored version 2@a").contains("Rejected by srv-a").contains("dhcpd.conf:3");
        awaitStatus(b, "pgsql\\.config\\.last-rejected\\s+2@a: \\S*dhcpd.conf:3");
        for (LeaseholdServer s : List.of(a, b)) {
            String history = awaitHistory(s, "(?s).*2@a.*srv-a \\(site a\\) REJECTED.*srv-b \\(site b\\) REJECTED.*"
                    + "\\* 1@a.*srv-a \\(site a\\) accepted.*srv-b \\(site b\\) accepted.*");
            assertThat(history).contains("dhcpd.conf:3");
            assertThat(s.console("dhcp:status").output()).containsPattern("pgsql\\.config\\.in-force\\s+1@a");
        }
        assertThat(domainOf(A_IP)).isEqualTo("v1.example");
        assertThat(domainOf(B_IP)).isEqualTo("v1.example");

        // the lease side: a client bound at A renews at B once A is gone
        awaitFailover(a, "normal");
        awaitFailover(b, "normal");
        String first = dhclient();
        assertThat(first).contains("reason=BOUND").contains("sid=" + A_IP);
        String address = field(first, "ip");
        Awaitility.await("binding of " + address + " on B").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> b.console("dhcp:lease-list --state active --dhcpd").output().contains("lease " + address + " {"));
        a.kill();
        awaitFailover(b, "communications-interrupted");
        String renewed = dhclient();
        assertThat(renewed).as("renewal at B").contains("reason=REBOOT").contains("ip=" + address).contains("sid=" + B_IP);
    }

    /** The server of one site: the shared dhcpd.conf (domain v0) with its own failover peer include. */
    private LeaseholdServer server(String name, String ns, String site, PostgresCluster db, boolean primary, String me,
            String peer) throws Exception {
        LeaseholdServer s = LeaseholdServer.unpack(work.resolve(name), ns);
        s.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
        s.writeFile("etc/dhcpd.conf", shared("v0.example"));
        s.writeFile("etc/failover-peer.conf", peerBlock(primary, me, peer));
        s.writeFile("etc/org.leasehold.store.pgsql.cfg", """
                url = %s
                user = leasehold
                .password = %s
                site = %s
                server = srv-%s
                pollSeconds = 5
                """.formatted(db.jdbcUrl("leasehold"), DB_PASSWORD, site, site));
        return s;
    }

    /** The dhcpd.conf both sites share: all but the failover peer, which each server includes. */
    static String shared(String domain) {
        return """
                authoritative;
                default-lease-time 600;
                max-lease-time 7200;
                option domain-name "%s";
                ping-check false;
                include "failover-peer.conf";
                subnet 198.18.0.0 netmask 255.255.0.0 {
                  option routers 198.18.0.1;
                  pool {
                    failover peer "geo";
                    range 198.18.2.1 198.18.2.200;
                  }
                }
                """.formatted(domain);
    }

    /** The peer statement of one site; A, primary, holds every hash bucket (split 256) so it answers all. */
    static String peerBlock(boolean primary, String me, String peer) {
        return "failover peer \"geo\" {\n  " + (primary ? "primary" : "secondary") + ";\n  address " + me
                + ";\n  port " + (primary ? 647 : 847) + ";\n  peer address " + peer + ";\n  peer port "
                + (primary ? 847 : 647) + ";\n  max-response-delay 3;\n  max-unacked-updates 10;\n"
                + (primary ? "  mclt 300;\n  split 256;\n" : "") + "}\n";
    }

    /**
     * Step 3 of docs/georedundancy.md at {@code from}'s site: the publication of its own rows, and the
     * subscription of the other site ({@code to}, reached at {@code toIp}) to it.
     */
    private static void replicate(PostgresCluster from, String site, PostgresCluster to, String fromIp) throws Exception {
        from.sql("leasehold", "CREATE PUBLICATION leasehold_site_" + site + " FOR TABLE leasehold_config_version"
                + " WHERE (site = '" + site + "'), leasehold_config_verdict WHERE (site = '" + site + "')");
        from.sql("leasehold", "GRANT SELECT ON leasehold_config_version, leasehold_config_verdict TO leasehold_repl");
        to.sql("leasehold", "CREATE SUBSCRIPTION leasehold_from_" + site + " CONNECTION 'host=" + from.address()
                + " dbname=leasehold user=leasehold_repl password=" + DB_PASSWORD + "' PUBLICATION leasehold_site_" + site);
    }

    private static void awaitStatus(LeaseholdServer s, String regex) {
        Pattern p = Pattern.compile(regex);
        Awaitility.await(regex).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> p.matcher(s.console("dhcp:status").output()).find());
    }

    private static String awaitHistory(LeaseholdServer s, String regex) {
        String[] last = {""};
        Awaitility.await("history " + regex).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> (last[0] = s.console("dhcp:config-history").output()).matches(regex));
        return last[0];
    }

    private static void awaitFailover(LeaseholdServer s, String state) {
        Awaitility.await("failover " + state).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> s.console("dhcp:failover-status").output().matches("(?s).*geo\\.state\\s+" + state + ".*"));
    }

    /** The domain name (option 15) of a server's DHCPINFORM answer to the probe address. */
    private String domainOf(String server) throws IOException, InterruptedException {
        Exec.Result r = Exec.run(Duration.ofSeconds(30), null, Exec.inNs(net.client(), "/usr/bin/python3",
                work.resolve("dhcp_probe.py").toString(), "inform", "--server", server, "--ciaddr", PROBE_IP, "--mac",
                "02:00:00:00:6e:02"));
        Matcher m = Pattern.compile("(?m)^OPT 15 ([0-9a-f]+)").matcher(r.output());
        assertThat(m.find()).as("INFORM answer of %s: %s", server, r.output()).isTrue();
        return new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.US_ASCII);
    }

    /** One dhclient run in the client namespace, sharing its lease file between runs. */
    private String dhclient() throws IOException, InterruptedException {
        Exec.Result r = Exec.run(Duration.ofSeconds(60), null, Exec.inNs(dhcpClient, "bash",
                work.resolve("dhclient_once.sh").toString(), "dc0", work.resolve("dhclient").toString(), "25"));
        assertThat(r.exitCode()).as("dhclient:%n%s", r.output()).isZero();
        return r.output();
    }

    private static String field(String event, String name) {
        Matcher m = Pattern.compile(name + "=(\\S+)").matcher(event);
        assertThat(m.find()).as(name + " in " + event).isTrue();
        return m.group(1);
    }
}
