package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The PostgreSQL configuration backend installed into, and removed from, a running server: the built
 * distribution serves a plain local dhcpd.conf to real dhclients, a real PostgreSQL 15 runs in the
 * server's namespace on 198.18.0.1:5432, and {@code leasehold-store-pgsql} is hot-installed, used
 * ({@code dhcp:config-push} of a version with another lease time, which fresh clients then get),
 * uninstalled and installed again, while one dhclient holds its lease and renews every 3 s throughout.
 * After each step every lease of the table is still there.
 *
 * <p>What stays in force after {@code feature:uninstall}: the backend puts a version in force through
 * {@code ConfigurationService.apply}, and the core's apply writes the version's text over the configured
 * {@code etc/dhcpd.conf} before reloading it. So the last version from the database keeps serving once
 * the backend is gone, also across a {@code dhcp:reload}, and the original local file is not restored.
 * Installed again, the backend finds its own verdict on the newest version and does not apply it a
 * second time (the status counts no apply); a version stored in the database while the feature was
 * away is put in force on install without anyone pushing it.
 *
 * <p>Root only (namespaces, port 67), skipped otherwise; needs isc-dhcp-client, iproute2 and
 * postgresql-15. Run: {@code mvn -B verify -pl itests -Dit.test=PgsqlHotInstallIT}. The server's home,
 * the database's log and the client logs stay in {@code itests/target/e2e-pghot-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class PgsqlHotInstallIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration FEATURE_WAIT = Duration.ofSeconds(120);
    private static final String FEATURE_NAME = "leasehold-store-pgsql";
    private static final String SITE = "a";
    private static final String SERVER = "srv-a";
    private static final String HOLDER_MAC = "02:00:00:00:50:01";
    private static final Pattern LEASE_TIME = Pattern.compile("lease=(\\d+)");
    private static final Pattern ADDRESS_ROW = Pattern.compile("^\\s*(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s*\\|");

    private Path work;
    private TestNetwork net;
    private PostgresCluster pg;
    private LeaseholdServer server;
    private String freshNs;
    private ClientRun holder;
    private String holderIp;
    private String localConf;
    private String version1;
    private int freshClients;

    @BeforeAll
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        assumeTrue(Exec.installed("ip") && Exec.installed("dhclient"), "iproute2 and isc-dhcp-client are needed");
        assumeTrue(PostgresCluster.available(), "postgresql-15 is needed");
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-pghot-");
        for (String r : List.of("scenario.sh", "txoff.py", "dhcpd.conf", "org.leasehold.core.cfg")) {
            try (InputStream in = PgsqlHotInstallIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        freshNs = net.addClient(work.resolve("txoff.py"), "fresh", "cli0");
        pg = PostgresCluster.start(net.server(), work.resolve("pg"), TestNetwork.SERVER_IP, false);
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.copy(work.resolve("dhcpd.conf"), server.home().resolve("etc/dhcpd.conf"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(work.resolve("org.leasehold.core.cfg"), server.home().resolve("etc/org.leasehold.core.cfg"),
                StandardCopyOption.REPLACE_EXISTING);
        localConf = Files.readString(work.resolve("dhcpd.conf"));
        assertThat(localConf).contains("default-lease-time 600;");
        server.start(67);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (holder != null) {
                holder.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (pg != null) {
                    pg.close();
                }
            } finally {
                if (net != null) {
                    net.close();
                }
            }
        }
    }

    /** Step 1: the plain local file serves; the holder gets its lease and keeps renewing it from now on. */
    @Test
    @Order(1)
    void localConfigurationServesAClientThatKeepsItsLease() throws Exception {
        assertThat(status()).noneSatisfy((k, v) -> assertThat(k).startsWith("pgsql."));
        net.setMac(net.client(), "cli0", HOLDER_MAC);
        holder = ClientRun.start(net.client(), work.resolve("scenario.sh"), "dhclient", "cli0",
                work.resolve("dhclient-holder"), 20);
        Optional<String> renew = holder.awaitStep("renew", STEP);
        assertThat(renew).as("holder acquire:%n%s%n%s", holder.transcript(), server.log()).isPresent();
        holderIp = ClientRun.ipOf(renew.get()).orElseThrow();
        assertThat(holder.result("acquire")).hasValueSatisfying(l -> assertThat(leaseTime(l)).isEqualTo(600));
        assertThat(leases()).containsEntry(holderIp, HOLDER_MAC);
        awaitHolderRenewal();
        assertThat(fresh().leaseTime()).as("the local file's default-lease-time").isEqualTo(600);
        assertCoreStartedOnce();
    }

    /** Step 2: hot install, a pushed version with another lease time goes into force, no lease lost. */
    @Test
    @Order(2)
    void installedBackendPutsAPushedVersionInForceWithoutLosingALease() throws Exception {
        Map<String, String> before = leases();
        server.writeFile("etc/org.leasehold.store.pgsql.cfg", """
                url = %s
                user = leasehold
                .password = %s
                site = %s
                server = %s
                pollSeconds = 5
                """.formatted(pg.jdbcUrl(), PostgresCluster.PASSWORD, SITE, SERVER));
        server.installFeatures(FEATURE_NAME);
        awaitStatus("pgsql.database up", s -> s.getOrDefault("pgsql.database", "").startsWith("up since"));
        assertThat(status()).containsEntry("pgsql.site", SITE).containsEntry("pgsql.server", SERVER)
                .containsEntry("pgsql.config.in-force", "none from the database (local dhcpd.conf)");
        assertThat(pg.sql("SELECT count(*) FROM leasehold_config_version").trim()).isEqualTo("0");

        version1 = localConf.replace("default-lease-time 600;", "default-lease-time 900;");
        Path file = server.home().resolve("pushed-v1.conf");
        Files.writeString(file, version1);
        Exec.Result push = server.console("dhcp:config-push -m \"lease time 900\" " + file);
        assertThat(push.output()).as(push.output()).contains("Stored version 1@" + SITE, "In force on " + SERVER);
        assertThat(status()).containsEntry("pgsql.config.in-force", "1@" + SITE)
                .containsEntry("pgsql.config.applied", "1").containsEntry("pgsql.config.rejected", "0");
        String history = server.console("dhcp:config-history").check().output();
        assertThat(history).as(history).containsPattern("(?m)^\\* 1@" + SITE + "\\s.*lease time 900\\s*$")
                .containsPattern("(?m)^\\s+" + SERVER + " \\(site " + SITE + "\\) accepted at ");
        // the core's apply wrote the version over the configured file
        assertThat(Files.readString(server.home().resolve("etc/dhcpd.conf"))).isEqualTo(version1);

        assertThat(fresh().leaseTime()).as("a fresh client after the push").isEqualTo(900);
        assertThat(leases()).containsAllEntriesOf(before).containsEntry(holderIp, HOLDER_MAC);
        assertThat(leaseState(holderIp)).isEqualTo("active");
        awaitHolderRenewal();
        assertCoreStartedOnce();
    }

    /**
     * Step 3: uninstall. DHCP goes on, the commands and status lines go, and the last version from the
     * database stays in force, because it is what etc/dhcpd.conf now holds.
     */
    @Test
    @Order(3)
    void uninstalledBackendLeavesTheLastVersionInForceAndEveryLease() throws Exception {
        Map<String, String> before = leases();
        assertThat(server.console("feature:uninstall " + FEATURE_NAME).output()).doesNotContainIgnoringCase("error");
        awaitStatus("no pgsql lines", s -> s.keySet().stream().noneMatch(k -> k.startsWith("pgsql.")));
        Awaitility.await("dhcp:config-push unknown").atMost(STEP).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertUnknown(server.console("dhcp:config-push "
                        + server.home().resolve("pushed-v1.conf"))));
        assertUnknown(server.console("dhcp:config-history"));
        assertThat(server.alive()).isTrue();

        awaitHolderRenewal();
        assertThat(fresh().leaseTime()).as("the database's version stays in force after uninstall").isEqualTo(900);
        assertThat(Files.readString(server.home().resolve("etc/dhcpd.conf"))).isEqualTo(version1);
        assertThat(server.console("dhcp:reload").check().output()).contains("reloaded");
        assertThat(fresh().leaseTime()).as("and a reload reads it again from etc/dhcpd.conf").isEqualTo(900);
        assertThat(leases()).containsAllEntriesOf(before).containsEntry(holderIp, HOLDER_MAC);
        assertThat(leaseState(holderIp)).isEqualTo("active");
        assertCoreStartedOnce();
    }

    /**
     * Step 4: installed again, the server takes the newest version in the database as in force without
     * a push: it finds its own verdict on it, so it does not apply it a second time.
     */
    @Test
    @Order(4)
    void reinstalledBackendTakesTheNewestVersionAsInForceWithoutAPush() throws Exception {
        Map<String, String> before = leases();
        server.installFeatures(FEATURE_NAME);
        awaitStatus("pgsql.database up with 1@" + SITE + " in force",
                s -> s.getOrDefault("pgsql.database", "").startsWith("up since")
                        && ("1@" + SITE).equals(s.get("pgsql.config.in-force")));
        Awaitility.await("newest seen").atMost(STEP).pollInterval(Duration.ofSeconds(1))
                .until(() -> ("1@" + SITE).equals(status().get("pgsql.config.newest")));
        assertThat(status()).containsEntry("pgsql.config.applied", "0");
        String history = server.console("dhcp:config-history").check().output();
        assertThat(history).as(history).containsPattern("(?m)^\\* 1@" + SITE + "\\s");
        assertThat(pg.sql("SELECT count(*) FROM leasehold_config_version").trim()).isEqualTo("1");
        assertThat(pg.sql("SELECT count(*) FROM leasehold_config_verdict WHERE server = '" + SERVER + "'").trim())
                .isEqualTo("1");
        assertThat(fresh().leaseTime()).isEqualTo(900);
        assertThat(leases()).containsAllEntriesOf(before).containsEntry(holderIp, HOLDER_MAC);
        assertThat(leaseState(holderIp)).isEqualTo("active");
        awaitHolderRenewal();
        assertCoreStartedOnce();
    }

    /**
     * Step 4 continued: a version stored in the database while the feature was away (as another server
     * of the site stores one) goes into force when the feature is installed again, nobody pushing it.
     */
    @Test
    @Order(5)
    void versionStoredWhileUninstalledGoesIntoForceOnInstall() throws Exception {
        assertThat(server.console("feature:uninstall " + FEATURE_NAME).output()).doesNotContainIgnoringCase("error");
        awaitStatus("no pgsql lines", s -> s.keySet().stream().noneMatch(k -> k.startsWith("pgsql.")));
        String version2 = localConf.replace("default-lease-time 600;", "default-lease-time 1200;");
        pg.sql("INSERT INTO leasehold_config_version (version, site, pushed_by, comment, sha256, dhcpd_conf)"
                + " VALUES (2, '" + SITE + "', 'srv-a2', 'lease time 1200', '" + sha256(version2) + "', $conf$"
                + version2 + "$conf$)");
        assertThat(fresh().leaseTime()).as("not in force while the feature is away").isEqualTo(900);
        Map<String, String> before = leases();

        server.installFeatures(FEATURE_NAME);
        awaitStatus("2@" + SITE + " in force", s -> ("2@" + SITE).equals(s.get("pgsql.config.in-force")));
        assertThat(status()).containsEntry("pgsql.config.applied", "1").containsEntry("pgsql.config.newest", "2@" + SITE);
        String history = server.console("dhcp:config-history").check().output();
        assertThat(history).as(history).containsPattern("(?m)^\\* 2@" + SITE + "\\s.*srv-a2\\s.*lease time 1200\\s*$")
                .containsPattern("(?m)^  1@" + SITE + "\\s");
        assertThat(Files.readString(server.home().resolve("etc/dhcpd.conf"))).isEqualTo(version2);
        assertThat(fresh().leaseTime()).isEqualTo(1200);
        assertThat(leases()).containsAllEntriesOf(before).containsEntry(holderIp, HOLDER_MAC);
        assertThat(leaseState(holderIp)).isEqualTo("active");
        awaitHolderRenewal();
        assertCoreStartedOnce();
    }

    /**
     * One dhclient from the fresh namespace with a new MAC: acquire and renew, then it is stopped
     * without a release, so its lease stays active in the table (and its address is not handed out
     * again) for the checks that follow.
     */
    private Fresh fresh() throws Exception {
        freshClients++;
        String mac = String.format("02:00:00:00:51:%02x", freshClients);
        net.setMac(freshNs, "cli0", mac);
        Fresh out;
        try (ClientRun run = ClientRun.start(freshNs, work.resolve("scenario.sh"), "dhclient", "cli0",
                work.resolve("dhclient-fresh-" + freshClients), 20)) {
            Optional<String> renew = run.awaitStep("renew", STEP);
            assertThat(renew).as("fresh client %s:%n%s%n%s", mac, run.transcript(), server.log()).isPresent();
            String ip = ClientRun.ipOf(renew.get()).orElseThrow();
            run.proceed();
            assertThat(run.awaitStep("release", STEP)).as(run.transcript()).isPresent();
            assertThat(run.result("renew")).as(run.transcript())
                    .hasValueSatisfying(l -> assertThat(l).contains(" ok ", "ip=" + ip));
            out = new Fresh(ip, leaseTime(run.result("acquire").orElseThrow()));
            assertThat(leases()).containsEntry(ip, mac);
            assertThat(leaseState(ip)).isEqualTo("active");
        }
        Awaitility.await("dhclient gone from " + freshNs).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> Exec.run(Duration.ofSeconds(10), "ip", "netns", "pids", freshNs).output().isBlank());
        return out;
    }

    private record Fresh(String ip, long leaseTime) {
    }

    private static long leaseTime(String resultLine) {
        Matcher m = LEASE_TIME.matcher(resultLine);
        assertThat(m.find()).as(resultLine).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * The feature's install and uninstall must not restart the core (a Karaf refresh would): its start
     * line is in the log exactly once. Leases alone would not show it, the journal brings them back.
     */
    private void assertCoreStartedOnce() throws IOException {
        String log = Files.readString(server.home().resolve("data/log/karaf.log"));
        assertThat(log.lines().filter(l -> l.contains("Leasehold DHCP server started on"))).hasSize(1);
    }

    /** Waits for one more RENEW of the holder than its hook log has now. */
    private void awaitHolderRenewal() throws IOException {
        Path log = work.resolve("dhclient-holder/hook.log");
        long renewals = renewals(log);
        Awaitility.await("holder renews " + holderIp).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> renewals(log) > renewals);
        assertThat(Files.readString(log).lines().filter(l -> l.contains("EVENT=RENEW ")).reduce((a, b) -> b).orElseThrow())
                .contains("IP=" + holderIp + " ");
    }

    private static long renewals(Path log) throws IOException {
        return Files.readString(log).lines().filter(l -> l.contains("EVENT=RENEW ")).count();
    }

    /** Every lease of {@code dhcp:lease-list}: address to hardware address. */
    private Map<String, String> leases() throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String row : server.console("dhcp:lease-list --limit 1000").check().output().split("\n")) {
            if (ADDRESS_ROW.matcher(row).find()) {
                String[] f = row.split("\\|");
                out.put(f[0].trim(), f[3].trim().toLowerCase());
            }
        }
        return out;
    }

    private String leaseState(String ip) throws IOException, InterruptedException {
        for (String row : server.console("dhcp:lease-list --ip " + ip).check().output().split("\n")) {
            if (ADDRESS_ROW.matcher(row).find() && row.split("\\|")[0].trim().equals(ip)) {
                return row.split("\\|")[2].trim();
            }
        }
        return "none";
    }

    /** {@code dhcp:status} as key to value. */
    private Map<String, String> status() throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String row : server.console("dhcp:status").check().output().split("\n")) {
            int bar = row.indexOf('|');
            if (bar > 0) {
                out.put(row.substring(0, bar).trim(), row.substring(bar + 1).trim());
            }
        }
        return out;
    }

    private void awaitStatus(String what, java.util.function.Predicate<Map<String, String>> condition) {
        Awaitility.await(what).atMost(FEATURE_WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> condition.test(status()));
    }

    private static void assertUnknown(Exec.Result r) {
        assertThat(r.output()).as("exit %d: %s", r.exitCode(), r.output()).contains("Command not found");
        assertThat(r.exitCode()).as(r.output()).isNotZero();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
