package org.leasehold.store.pgsql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.core.internal.capability.Capabilities;
import org.leasehold.core.internal.capability.ConfigCoordinator;
import org.leasehold.store.pgsql.internal.ConfigRepository.Verdict;
import org.leasehold.store.pgsql.internal.ConfigRepository.Version;
import org.leasehold.store.pgsql.internal.ConfigRepository.VersionId;
import org.leasehold.testing.Configs;

/**
 * The configuration backend against a real PostgreSQL 15 on 127.0.0.1 and the core's real
 * configuration coordinator: versions and verdicts in the tables, a pushed version put in force
 * through LISTEN/NOTIFY, a bad one refused with its problems beside it while the old one serves, and
 * the database going down and coming back without the configuration in force being touched.
 */
class ConfigSyncPostgresTest {

    static final String GOOD = """
            authoritative;
            default-lease-time 600;
            max-lease-time 7200;
            option domain-name "%s";
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.2.1 198.18.2.20;
            }
            """;

    @TempDir
    static Path dir;
    static LocalPostgres pg;

    Path conf;
    ConfigCoordinator coordinator;
    ConfigSync sync;

    @BeforeAll
    static void database() throws Exception {
        assumeTrue(LocalPostgres.available(), "needs root and Debian's postgresql 15");
        pg = LocalPostgres.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void server() throws Exception {
        try (Connection c = connect()) {
            ConfigRepository.createSchema(c);
            c.createStatement().execute("TRUNCATE leasehold_config_version, leasehold_config_verdict");
        }
        Path etc = Files.createDirectories(dir.resolve("etc-" + System.nanoTime()));
        conf = etc.resolve("dhcpd.conf");
        Files.writeString(conf, GOOD.formatted("v0.example"));
        coordinator = new ConfigCoordinator(conf, new Capabilities(), () -> { });
        coordinator.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (sync != null) {
            sync.stop();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    static Connection connect() throws Exception {
        return DriverManager.getConnection(pg.url(), "leasehold", LocalPostgres.PASSWORD);
    }

    static PgsqlSettings settings(String site, String server) {
        return Configs.of(PgsqlSettings.class, Map.of("url", pg.url(), "_password", LocalPostgres.PASSWORD, "site", site,
                "server", server, "pollSeconds", 1, "connectTimeoutSeconds", 2));
    }

    @Test
    void versionsAreNumberedPerDatabaseAndOrderedByNumberThenSite() throws Exception {
        try (Connection c = connect()) {
            ConfigRepository.createSchema(c); // twice is harmless
            assertThat(ConfigRepository.newest(c)).isEmpty();
            assertThat(ConfigRepository.push(c, "a", "ops", "first", "x;")).isEqualTo(new VersionId(1, "a"));
            assertThat(ConfigRepository.push(c, "b", "ops", "", "y;")).isEqualTo(new VersionId(2, "b"));
            // during a split both sites may store the same number: the site name breaks the tie alike everywhere
            c.createStatement().execute("INSERT INTO leasehold_config_version (version, site, pushed_by, sha256, dhcpd_conf)"
                    + " VALUES (3, 'a', 'ops', 'x', 'a3;'), (3, 'b', 'ops', 'x', 'b3;')");
            Version newest = ConfigRepository.newest(c).orElseThrow();
            assertThat(newest.id()).isEqualTo(new VersionId(3, "b"));
            assertThat(newest.text()).isEqualTo("b3;");
            assertThat(ConfigRepository.versions(c, 10, false)).extracting(Version::id).containsExactly(
                    new VersionId(3, "b"), new VersionId(3, "a"), new VersionId(2, "b"), new VersionId(1, "a"));
            Version first = ConfigRepository.version(c, new VersionId(1, "a")).orElseThrow();
            assertThat(first.text()).isEqualTo("x;");
            assertThat(first.comment()).isEqualTo("first");
            assertThat(first.sha256()).isEqualTo(ConfigRepository.sha256("x;"));

            ConfigRepository.record(c, "srv-a", "a", new VersionId(1, "a"), true, "");
            ConfigRepository.record(c, "srv-a", "a", new VersionId(2, "b"), false, "dhcpd.conf:1:1: bad");
            assertThat(ConfigRepository.lastAccepted(c, "srv-a")).contains(new VersionId(1, "a"));
            ConfigRepository.record(c, "srv-a", "a", new VersionId(2, "b"), true, ""); // decided again: replaced
            assertThat(ConfigRepository.lastAccepted(c, "srv-a")).contains(new VersionId(2, "b"));
            assertThat(ConfigRepository.verdicts(c, 1)).extracting(Verdict::version)
                    .containsExactly(new VersionId(2, "b"), new VersionId(1, "a"));
            assertThat(ConfigRepository.lastAccepted(c, "srv-b")).isEmpty();
        }
    }

    @Test
    void pushedVersionIsPutInForceAndABadOneIsRefusedWithItsProblemBesideIt() throws Exception {
        sync = new ConfigSync(settings("a", "srv-a"), coordinator);
        awaitStatus("database", "up since");
        long before = coordinator.current().generation();

        VersionId v1 = sync.push("ops", "domain v1", GOOD.formatted("v1.example"));
        Verdict ok = sync.awaitVerdict(v1, Duration.ofSeconds(30)).orElseThrow();
        assertThat(ok.accepted()).isTrue();
        assertThat(Files.readString(conf)).contains("v1.example");
        assertThat(coordinator.current().generation()).isGreaterThan(before);
        assertThat(sync.inForce()).isEqualTo(v1);

        long good = coordinator.current().generation();
        VersionId v2 = sync.push("ops", "typo", GOOD.formatted("v2.example").replace("7200;", "seven;"));
        Verdict refused = sync.awaitVerdict(v2, Duration.ofSeconds(30)).orElseThrow();
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.problems()).contains("dhcpd.conf:3");
        assertThat(Files.readString(conf)).contains("v1.example");
        assertThat(coordinator.current().generation()).isEqualTo(good);
        assertThat(sync.inForce()).isEqualTo(v1);
        assertThat(sync.status()).containsEntry("config.in-force", "1@a").containsEntry("config.newest", "2@a")
                .containsEntry("config.applied", "1").containsEntry("config.rejected", "1");
        assertThat(sync.status().get("config.last-rejected")).startsWith("2@a: ").contains("dhcpd.conf:3");

        try (Connection c = connect()) {
            String history = HistoryView.render(c, 10, sync.inForce());
            assertThat(history).containsPattern("(?s)  2@a .*typo.*srv-a \\(site a\\) REJECTED.*dhcpd.conf:3.*"
                    + "\\* 1@a .*domain v1.*srv-a \\(site a\\) accepted");
        }
    }

    @Test
    void aVersionStoredByAnotherServerArrivesByNotifyAndARestartDoesNotApplyItAgain() throws Exception {
        sync = new ConfigSync(settings("a", "srv-a"), coordinator);
        awaitStatus("database", "up since");
        VersionId v1;
        try (Connection c = connect()) {
            v1 = ConfigRepository.push(c, "b", "ops", "", GOOD.formatted("from-b.example"));
        }
        assertThat(sync.awaitVerdict(v1, Duration.ofSeconds(30)).orElseThrow().accepted()).isTrue();
        assertThat(Files.readString(conf)).contains("from-b.example");
        sync.stop();
        long generation = coordinator.current().generation();

        sync = new ConfigSync(settings("a", "srv-a"), coordinator);
        awaitStatus("config.in-force", "1@b");
        awaitStatus("config.newest", "1@b");
        assertThat(sync.status()).containsEntry("config.applied", "0");
        assertThat(coordinator.current().generation()).isEqualTo(generation);
    }

    @Test
    void theDatabaseDownLeavesTheConfigurationInForceAndTheBackendComesBackByItself() throws Exception {
        sync = new ConfigSync(settings("a", "srv-a"), coordinator);
        awaitStatus("database", "up since");
        VersionId v1 = sync.push("ops", "", GOOD.formatted("v1.example"));
        assertThat(sync.awaitVerdict(v1, Duration.ofSeconds(30)).orElseThrow().accepted()).isTrue();
        long generation = coordinator.current().generation();

        pg.stop();
        awaitStatus("database", "DOWN since");
        assertThat(coordinator.current().generation()).isEqualTo(generation);
        assertThat(Files.readString(conf)).contains("v1.example");
        assertThatThrownBy(() -> sync.push("ops", "", "x;")).isInstanceOf(java.sql.SQLException.class);

        pg.start();
        awaitStatus("database", "up since");
        VersionId v2 = sync.push("ops", "", GOOD.formatted("v2.example"));
        assertThat(sync.awaitVerdict(v2, Duration.ofSeconds(30)).orElseThrow().accepted()).isTrue();
        assertThat(Files.readString(conf)).contains("v2.example");
        assertThat(sync.database().failures()).isEqualTo(1);
    }

    private void awaitStatus(String key, String prefix) {
        Awaitility.await(key + " " + prefix).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> String.valueOf(sync.status().get(key)).startsWith(prefix));
    }
}
