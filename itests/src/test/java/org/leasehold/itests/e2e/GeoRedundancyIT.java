package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two sites as docs/georedundancy.md "Two sites" sets them up, on one test LAN: site a is Leasehold A
 * and PostgreSQL A in one namespace (198.18.0.1), site b Leasehold B and PostgreSQL B in another
 * (198.18.0.3). Each server keeps its configuration versions in its own site's database
 * ({@code leasehold-store-pgsql}); the databases replicate the rows each site wrote to the other by
 * row-filtered logical replication both ways. A and B are a failover pair across the sites
 * ({@code leasehold-failover}); the shared dhcpd.conf {@code include}s a {@code failover-peer.conf} each
 * site keeps locally (A primary with split 256, so A answers every new client while both are NORMAL).
 *
 * <p>The steps run in order on the one topology: a version pushed at a goes into force at b; a bad
 * version forced in at b is refused at both sites, each keeping the version before; a real dhclient
 * leased by A is rebound by B once A is killed, and B's operator sees the partner lost and moves B to
 * PARTNER-DOWN; with B's database stopped B still leases to a client and says the database is DOWN;
 * A comes back and pushes a version meanwhile, and once B's database is back B says up again by itself
 * and puts that version in force.
 *
 * <p>Root only; needs dhclient, iproute2 and PostgreSQL 15. Run:
 * {@code mvn -B verify -pl itests -Dit.test=GeoRedundancyIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeoRedundancyIT {

    private static final Logger LOG = LoggerFactory.getLogger(GeoRedundancyIT.class);

    static final String IP_A = TestNetwork.SERVER_IP;
    static final String IP_B = "198.18.0.3";
    static final String PEER = "harness-fo";
    static final String CLIENT_MAC = "02:00:5e:18:00:01";
    static final String SECOND_CLIENT_MAC = "02:00:5e:18:00:02";
    /** The domain name only the version pushed at site a hands out. */
    static final String PUSHED_DOMAIN = "pushed-at-a.geo.test";
    /** The domain name of the version pushed at site a while site b's database is down. */
    static final String CAUGHT_UP_DOMAIN = "caught-up.geo.test";
    /** Line of the statement no server accepts in the bad version. */
    static final int BAD_LINE = 7;
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Pattern HOOK = Pattern.compile("EVENT=(\\S+) IF=\\S* IP=(\\S*) OLD=\\S* SID=(\\S*)");

    private Path work;
    private TestNetwork net;
    private String nsB;
    private PostgresCluster pgA;
    private PostgresCluster pgB;
    private LeaseholdServer serverA;
    private LeaseholdServer serverB;
    private final List<ClientRun> clients = new ArrayList<>();

    /** The version pushed at site a in step 1; in force at both sites afterwards. */
    private String pushedVersion;
    private String pushedText;

    @BeforeAll
    void twoSites() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "dhclient")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        assumeTrue(PostgresCluster.available(), "PostgreSQL 15 is not installed");
        work = TestNetwork.workDir("e2e-geo-").toAbsolutePath();
        try (InputStream in = GeoRedundancyIT.class.getResourceAsStream("/e2e/scenario.sh")) {
            Files.copy(in, work.resolve("scenario.sh"));
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        nsB = net.addServer(work.resolve("txoff.py"), "srvb", IP_B);

        pgA = PostgresCluster.start(net.server(), work.resolve("pg-a"), IP_A, true);
        pgB = PostgresCluster.start(nsB, work.resolve("pg-b"), IP_B, true);
        serverA = site("a", net.server(), true, IP_A, IP_B, pgA);
        serverB = site("b", nsB, false, IP_B, IP_A, pgB);
        serverA.start(67);
        serverB.start(67);
        for (LeaseholdServer s : List.of(serverA, serverB)) {
            String out = s.console("feature:install leasehold-failover leasehold-store-pgsql").output();
            assertThat(out).as("feature:install").doesNotContain("Error");
        }
        // the servers create the tables; only then can the publications name them
        Awaitility.await("both servers connected to their site's database").atMost(STEP).pollInterval(POLL)
                .untilAsserted(() -> {
                    assertThat(status(serverA, "pgsql.database")).startsWith("up");
                    assertThat(status(serverB, "pgsql.database")).startsWith("up");
                });
        publish(pgA, "a");
        publish(pgB, "b");
        subscribe(pgB, "a", pgA);
        subscribe(pgA, "b", pgB);
        Awaitility.await("both subscriptions streaming").atMost(STEP).pollInterval(POLL).until(() ->
                streaming(pgA, "leasehold_from_b") && streaming(pgB, "leasehold_from_a"));
        Awaitility.await("the pair in NORMAL").atMost(Duration.ofSeconds(120)).pollInterval(POLL).until(() ->
                PairWire.states(serverA, PEER, "normal", "normal") && PairWire.states(serverB, PEER, "normal", "normal"));
    }

    /**
     * One site's server, not started: the core on srv0 and loopback, the shared dhcpd.conf with this
     * site's failover-peer.conf beside it, and the configuration backend on this site's database.
     */
    private LeaseholdServer site(String site, String ns, boolean primary, String me, String peer, PostgresCluster pg)
            throws Exception {
        LeaseholdServer s = LeaseholdServer.unpack(work.resolve("site-" + site), ns);
        s.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
        s.writeFile("etc/dhcpd.conf", sharedConf(""));
        s.writeFile("etc/failover-peer.conf", FailoverPairConf.peer(primary, me, peer, 300, 3, 256, ""));
        s.writeFile("etc/org.leasehold.store.pgsql.cfg", """
                url = %s
                user = leasehold
                .password = %s
                site = %s
                server = srv-%s
                pollSeconds = 2
                """.formatted(pg.jdbcUrl(), PostgresCluster.PASSWORD, site, site));
        return s;
    }

    /** The dhcpd.conf every site shares; {@code extra} goes in at line 6, after the include. */
    static String sharedConf(String extra) {
        return """
                authoritative;
                ping-check false;
                default-lease-time 600;
                max-lease-time 7200;
                include "failover-peer.conf";
                %ssubnet 198.18.0.0 netmask 255.255.0.0 {
                  option routers 198.18.0.1;
                  pool {
                    failover peer "harness-fo";
                    range 198.18.2.1 198.18.2.100;
                  }
                }
                """.formatted(extra);
    }

    /** At {@code pg}: publish only the rows site {@code site} wrote, readable by the replication role. */
    private static void publish(PostgresCluster pg, String site) throws Exception {
        pg.sql("CREATE PUBLICATION leasehold_site_" + site + " FOR TABLE leasehold_config_version WHERE (site = '"
                + site + "'), leasehold_config_verdict WHERE (site = '" + site + "')");
        pg.sql("GRANT SELECT ON leasehold_config_version, leasehold_config_verdict TO leasehold_repl");
    }

    /** At {@code pg}: subscribe to what site {@code from} publishes at {@code publisher}. */
    private static void subscribe(PostgresCluster pg, String from, PostgresCluster publisher) throws Exception {
        pg.sql("CREATE SUBSCRIPTION leasehold_from_" + from + " CONNECTION '" + publisher.replicationConnection()
                + "' PUBLICATION leasehold_site_" + from);
    }

    /** Whether the subscription's apply worker runs and both tables finished their initial copy. */
    private static boolean streaming(PostgresCluster pg, String subscription) throws Exception {
        String workers = pg.sql("SELECT count(*) FROM pg_stat_subscription WHERE subname = '" + subscription
                + "' AND pid IS NOT NULL AND relid IS NULL").trim();
        String ready = pg.sql("SELECT count(*) FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid"
                + " WHERE s.subname = '" + subscription + "' AND r.srsubstate = 'r'").trim();
        return "1".equals(workers) && "2".equals(ready);
    }

    @AfterAll
    void stopEverything() {
        for (ClientRun c : clients) {
            quietly("client", c::close);
        }
        for (LeaseholdServer s : new LeaseholdServer[] {serverA, serverB}) {
            if (s != null) {
                quietly("server " + s.home(), s::close);
            }
        }
        for (PostgresCluster pg : new PostgresCluster[] {pgA, pgB}) {
            if (pg != null) {
                quietly("database " + pg.address(), pg::close);
            }
        }
        if (net != null) {
            quietly("network", net::close);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            LOG.warn("Stopping {} failed", what, e);
        }
    }

    @Test
    @Order(1)
    void aVersionPushedAtSiteAIsInForceAtSiteB() throws Exception {
        pushedText = sharedConf("option domain-name \"" + PUSHED_DOMAIN + "\";\n");
        serverA.writeFile("geo-v1.conf", pushedText);
        String out = serverA.console("dhcp:config-push -m 'domain name for both sites' geo-v1.conf").output();
        Matcher stored = Pattern.compile("Stored version (\\d+@a)").matcher(out);
        assertThat(stored.find()).as("push at a:%n%s", out).isTrue();
        pushedVersion = stored.group(1);
        assertThat(out).as("push at a").contains("In force on srv-a");

        Awaitility.await("version " + pushedVersion + " in force at site b").atMost(CONVERGE).pollInterval(POLL)
                .untilAsserted(() -> assertThat(status(serverB, "pgsql.config.in-force")).isEqualTo(pushedVersion));
        assertThat(Files.readString(serverB.home().resolve("etc/dhcpd.conf"))).as("b's dhcpd.conf")
                .isEqualTo(pushedText);
        assertThat(status(serverA, "pgsql.config.in-force")).as("in force at a").isEqualTo(pushedVersion);
        Awaitility.await("b's verdict replicated to a").atMost(CONVERGE).pollInterval(POLL).untilAsserted(() ->
                assertThat(history(serverA)).contains("srv-b (site b) accepted"));
        assertThat(history(serverB)).as("history at b").contains("* " + pushedVersion, "srv-a (site a) accepted",
                "srv-b (site b) accepted");
    }

    @Test
    @Order(2)
    void aBadVersionForcedInAtSiteBIsRefusedAtBothSites() throws Exception {
        assertThat(pushedVersion).as("step 1 pushed a version").isNotNull();
        String bad = sharedConf("option domain-name \"" + PUSHED_DOMAIN + "\";\nmin-lease-time soon;\n");
        assertThat(bad.lines().toList().get(BAD_LINE - 1)).isEqualTo("min-lease-time soon;");
        serverB.writeFile("geo-bad.conf", bad);
        String out = serverB.console("dhcp:config-push --force -m 'not a number' geo-bad.conf").output();
        Matcher stored = Pattern.compile("Stored version (\\d+@b)").matcher(out);
        assertThat(stored.find()).as("forced push at b:%n%s", out).isTrue();
        String badVersion = stored.group(1);
        assertThat(out).as("forced push at b").contains("Warning: storing despite", "Rejected by srv-b");

        Pattern refusedAtLine = Pattern.compile("dhcpd\\.conf:" + BAD_LINE + ":\\d+: ");
        for (LeaseholdServer s : List.of(serverA, serverB)) {
            Awaitility.await("both verdicts on " + badVersion + " at " + s.home().getFileName()).atMost(CONVERGE)
                    .pollInterval(POLL).untilAsserted(() -> {
                        String h = history(s);
                        String block = versionBlock(h, badVersion);
                        assertThat(block).as("history:%n%s", h).contains("srv-a (site a) REJECTED",
                                "srv-b (site b) REJECTED");
                        assertThat(refusedAtLine.matcher(block).results().count()).as("file:line of each refusal:%n%s",
                                block).isEqualTo(2);
                        assertThat(h).contains("* " + pushedVersion);
                    });
            assertThat(status(s, "pgsql.config.in-force")).as("still in force").isEqualTo(pushedVersion);
            assertThat(status(s, "pgsql.config.newest")).isEqualTo(badVersion);
            assertThat(status(s, "pgsql.config.last-rejected")).startsWith(badVersion + ": ");
            assertThat(Files.readString(s.home().resolve("etc/dhcpd.conf"))).as("dhcpd.conf kept").isEqualTo(pushedText);
        }
    }

    @Test
    @Order(3)
    void aClientOfKilledServerAIsRenewedBySiteBWhoseOperatorDeclaresPartnerDown() throws Exception {
        assertThat(pushedVersion).as("step 1 pushed a version").isNotNull();
        Awaitility.await("site b holds backup addresses of its own").atMost(STEP).pollInterval(POLL)
                .until(() -> !PairWire.addresses(serverB, "backup").isEmpty());
        net.setMac(net.client(), "cli0", CLIENT_MAC);
        Path wd = work.resolve("client-1");
        // short T1/T2 and retransmissions: the renewal A cannot answer turns into a broadcast rebind at once
        ClientRun run = client(net.client(), "cli0", wd,
                "supersede dhcp-rebinding-time 6;\ninitial-interval 1;\nbackoff-cutoff 2;");
        Optional<String> renew = run.awaitStep("renew", STEP);
        assertThat(renew).as(run.transcript()).isPresent();
        assertThat(run.result("acquire")).as(run.transcript())
                .hasValueSatisfying(l -> assertThat(l).contains(" ok ", "sid=" + IP_A));
        String ip = ClientRun.ipOf(renew.get()).orElseThrow();
        Awaitility.await("b knows the binding A made").atMost(STEP).pollInterval(POLL).untilAsserted(() ->
                assertThat(PairWire.bindings(serverB, "active")).containsEntry(ip, CLIENT_MAC));

        int before = hookEvents(wd).size();
        serverA.kill();
        Awaitility.await("the client rebound at site b").atMost(Duration.ofSeconds(90)).pollInterval(POLL)
                .untilAsserted(() -> assertThat(hookEvents(wd).stream().skip(before).toList())
                        .as("dhclient events after A was killed").anySatisfy(e -> {
                            assertThat(e.get(0)).isIn("REBIND", "RENEW");
                            assertThat(e.get(1)).isEqualTo(ip);
                            assertThat(e.get(2)).isEqualTo(IP_B);
                        }));
        assertThat(PairWire.bindings(serverB, "active")).containsEntry(ip, CLIENT_MAC);
        // dhclient writes its lease file after running the hook
        Awaitility.await("the lease b gave in dhclient's lease file").atMost(STEP).pollInterval(POLL)
                .untilAsserted(() -> assertThat(leaseFrom(wd.resolve("dhclient.leases"), IP_B)).as("the lease b gave")
                        .contains("fixed-address " + ip + ";", "option domain-name \"" + PUSHED_DOMAIN + "\";"));

        Awaitility.await("b shows the partner lost").atMost(STEP).pollInterval(POLL).untilAsserted(() -> {
            String fo = serverB.console("dhcp:failover-status").output();
            assertThat(fo).containsPattern(PEER + "\\.state\\s+communications-interrupted\\b")
                    .containsPattern(PEER + "\\.connected\\s+false\\b");
        });
        String down = serverB.console("dhcp:failover-partner-down " + PEER).output();
        assertThat(down).as("partner-down at b").contains("failover peer " + PEER + ": partner-down");
        Awaitility.await("b in partner-down").atMost(STEP).pollInterval(POLL)
                .until(() -> PairWire.states(serverB, PEER, "partner-down", null));

        run.proceed();
        assertThat(run.awaitStep("release", STEP)).as(run.transcript()).isPresent();
        run.proceed();
        assertThat(run.finish(STEP)).as(run.transcript()).isZero();
    }

    @Test
    @Order(4)
    void siteBServesWithItsDatabaseDownAndCatchesUpByItselfOnceItIsBack() throws Exception {
        assertThat(pushedVersion).as("step 1 pushed a version").isNotNull();
        pgB.stop();
        Awaitility.await("b says its database is down").atMost(STEP).pollInterval(POLL).untilAsserted(() ->
                assertThat(status(serverB, "pgsql.database")).startsWith("DOWN since"));

        String ns = net.addClient(work.resolve("txoff.py"), "cli4", "cli4");
        net.setMac(ns, "cli4", SECOND_CLIENT_MAC);
        ClientRun run = client(ns, "cli4", work.resolve("client-2"), "");
        Optional<String> renew = run.awaitStep("renew", STEP);
        assertThat(renew).as(run.transcript()).isPresent();
        assertThat(run.result("acquire")).as(run.transcript())
                .hasValueSatisfying(l -> assertThat(l).contains(" ok ", "sid=" + IP_B));
        String ip = ClientRun.ipOf(renew.get()).orElseThrow();
        assertThat(PairWire.bindings(serverB, "active")).containsEntry(ip, SECOND_CLIENT_MAC);
        run.proceed();
        assertThat(run.awaitStep("release", STEP)).as(run.transcript()).isPresent();
        assertThat(run.result("renew")).as(run.transcript())
                .hasValueSatisfying(l -> assertThat(l).contains(" ok ", "ip=" + ip));
        run.proceed();
        assertThat(run.finish(STEP)).as(run.transcript()).isZero();
        assertThat(status(serverB, "pgsql.database")).as("still down while the client was served")
                .startsWith("DOWN since");
        assertThat(status(serverB, "pgsql.config.in-force")).isEqualTo(pushedVersion);

        // meanwhile site a comes back and pushes a version b's database cannot receive yet
        serverA.start(67);
        Awaitility.await("a connected to its database again").atMost(STEP).pollInterval(POLL).untilAsserted(() ->
                assertThat(status(serverA, "pgsql.database")).startsWith("up"));
        String caughtUpText = sharedConf("option domain-name \"" + CAUGHT_UP_DOMAIN + "\";\n");
        serverA.writeFile("geo-v3.conf", caughtUpText);
        String out = serverA.console("dhcp:config-push -m 'pushed while b is cut off' geo-v3.conf").output();
        Matcher stored = Pattern.compile("Stored version (\\d+@a)").matcher(out);
        assertThat(stored.find()).as("push at a:%n%s", out).isTrue();
        String meanwhile = stored.group(1);
        assertThat(out).as("push at a").contains("In force on srv-a");
        assertThat(status(serverB, "pgsql.config.in-force")).as("b cannot know it yet").isEqualTo(pushedVersion);
        assertThat(Files.readString(serverB.home().resolve("etc/dhcpd.conf"))).isEqualTo(pushedText);

        pgB.start();
        Awaitility.await("b says its database is up again, by itself").atMost(STEP).pollInterval(POLL)
                .untilAsserted(() -> assertThat(status(serverB, "pgsql.database")).startsWith("up since"));
        Awaitility.await("b caught up with " + meanwhile).atMost(CONVERGE).pollInterval(POLL).untilAsserted(() ->
                assertThat(status(serverB, "pgsql.config.in-force")).isEqualTo(meanwhile));
        assertThat(Files.readString(serverB.home().resolve("etc/dhcpd.conf"))).as("b's dhcpd.conf")
                .isEqualTo(caughtUpText);
    }

    private ClientRun client(String ns, String ifname, Path wd, String dhclientExtra) throws Exception {
        ClientRun run = ClientRun.start(ns, work.resolve("scenario.sh"), "dhclient", ifname, wd, 30,
                Map.of("SCENARIO_DHCLIENT_EXTRA", dhclientExtra));
        clients.add(run);
        return run;
    }

    /** The value of {@code key} in the {@code key | value} table of {@code dhcp:status}; empty when absent. */
    static String status(LeaseholdServer s, String key) throws Exception {
        String out = s.console("dhcp:status").output();
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*\\|\\s*(.*?)\\s*$").matcher(out);
        return m.find() ? m.group(1) : "";
    }

    static String history(LeaseholdServer s) throws Exception {
        return s.console("dhcp:config-history").output();
    }

    /** The lines of {@code history} from version {@code id} to the next version. */
    static String versionBlock(String history, String id) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : history.split("\n")) {
            Matcher m = Pattern.compile("^[ *] (\\d+@\\S+) ").matcher(line);
            if (m.find()) {
                in = m.group(1).equals(id);
            }
            if (in) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** The hook's events so far: (event, address, server identifier) each. */
    static List<List<String>> hookEvents(Path wd) throws Exception {
        Path log = wd.resolve("hook.log");
        List<List<String>> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log)) {
            Matcher m = HOOK.matcher(line);
            if (m.find()) {
                out.add(List.of(m.group(1), m.group(2), m.group(3)));
            }
        }
        return out;
    }

    /** The last lease dhclient stored from server {@code serverId}; empty when none. */
    static String leaseFrom(Path leases, String serverId) throws Exception {
        String text = Files.exists(leases) ? Files.readString(leases) : "";
        String last = "";
        for (String block : text.split("lease \\{")) {
            if (block.contains("option dhcp-server-identifier " + serverId + ";")) {
                last = block;
            }
        }
        return last;
    }
}
