package org.leasehold.store.pgsql.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.core.internal.capability.Capabilities;
import org.leasehold.core.internal.capability.ConfigCoordinator;
import org.leasehold.store.pgsql.internal.ConfigSync;
import org.leasehold.store.pgsql.internal.LocalPostgres;
import org.leasehold.store.pgsql.internal.PgsqlSettings;
import org.leasehold.testing.Configs;

/**
 * {@code dhcp:config-push} and {@code dhcp:config-history}: what they say when the backend is not
 * configured or the file is missing (no database needed), and against a real PostgreSQL and the core's
 * real configuration: a file with problems refused before it is stored, stored with {@code --force}
 * and then refused by the server, a good one put in force, and the history listing both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigCommandsTest {

    static final String GOOD = """
            default-lease-time 600;
            option domain-name "pushed.example";
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.2.1 198.18.2.20;
            }
            """;

    @TempDir
    static Path dir;
    LocalPostgres pg;
    ConfigCoordinator coordinator;
    ConfigSync sync;

    @BeforeAll
    void start() throws Exception {
        Path conf = dir.resolve("dhcpd.conf");
        Files.writeString(conf, GOOD.replace("pushed", "local"));
        coordinator = new ConfigCoordinator(conf, new Capabilities(), () -> { });
        coordinator.start();
        if (LocalPostgres.available()) {
            pg = LocalPostgres.start(dir.resolve("pg"));
            sync = new ConfigSync(Configs.of(PgsqlSettings.class, Map.of("url", pg.url(), "_password",
                    LocalPostgres.PASSWORD, "site", "a", "server", "srv-a", "pollSeconds", 1)), coordinator);
            Awaitility.await("database up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> sync.status().get("database").startsWith("up since"));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (sync != null) {
            sync.stop();
        }
        coordinator.close();
        if (pg != null) {
            pg.close();
        }
    }

    ConfigPushCommand push(ConfigSync backend, String file) {
        ConfigPushCommand cmd = new ConfigPushCommand();
        cmd.sync = backend;
        cmd.file = file;
        return cmd;
    }

    @Test
    void unconfiguredBackendAndUnreadableFileAreErrorsThatStoreNothing() throws Exception {
        assertThat(push(null, "etc/x.conf").run()).startsWith("Error: the PostgreSQL store is not configured");
        assertThatThrownBy(() -> push(null, "etc/x.conf").execute()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
        ConfigHistoryCommand history = new ConfigHistoryCommand();
        assertThatThrownBy(history::execute).hasMessageContaining("etc/org.leasehold.store.pgsql.cfg");
        assumeTrue(sync != null, "needs root and Debian's postgresql 15");
        String missing = dir.resolve("missing.conf").toString();
        assertThat(push(sync, missing).run()).startsWith("Error: cannot read " + missing);
    }

    @Test
    void badFileIsRefusedUnlessForcedThenTheServerRefusesItAndAGoodOneIsInForce() throws Exception {
        assumeTrue(sync != null, "needs root and Debian's postgresql 15");
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, GOOD.replace("600;", "ten;"));
        ConfigPushCommand refused = push(sync, bad.toString());
        String out = refused.run();
        assertThat(out).startsWith("Refused: " + bad + " has 1 problem(s), nothing stored").contains("bad.conf:1");
        assertThat(render(5)).startsWith("No configuration version in the database yet");

        ConfigPushCommand forced = push(sync, bad.toString());
        forced.force = true;
        forced.comment = "typo";
        assertThat(forced.run()).startsWith("Warning: storing despite 1 problem(s) (--force)")
                .contains("Stored version 1@a").contains("Rejected by srv-a:").contains("dhcpd.conf:1");

        Path good = dir.resolve("good.conf");
        Files.writeString(good, GOOD);
        ConfigPushCommand ok = push(sync, good.toString());
        ok.comment = "the pushed domain";
        assertThat(ok.run()).isEqualTo("Stored version 2@a\nIn force on srv-a\n");
        assertThat(coordinator.current().source()).endsWith("dhcpd.conf");
        assertThat(Files.readString(dir.resolve("dhcpd.conf"))).isEqualTo(GOOD);

        ConfigPushCommand quick = push(sync, good.toString());
        quick.waitSeconds = 0;
        assertThat(quick.run()).isEqualTo("Stored version 3@a\n");

        String history = render(2);
        assertThat(history).contains("3@a").contains("2@a").doesNotContain("1@a");
        assertThat(render(20)).containsPattern("(?s)2@a .*the pushed domain.*srv-a \\(site a\\) accepted.*"
                + "1@a .*typo.*srv-a \\(site a\\) REJECTED at \\S+:\\n        \\S*dhcpd.conf:1");
    }

    private String render(int limit) throws Exception {
        ConfigHistoryCommand cmd = new ConfigHistoryCommand();
        cmd.sync = sync;
        cmd.limit = limit;
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            cmd.execute();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
