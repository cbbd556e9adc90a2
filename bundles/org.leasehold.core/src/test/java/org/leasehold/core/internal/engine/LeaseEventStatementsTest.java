package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.engine.EngineFixture.Sent;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/**
 * ISC {@code on commit | release | expiry} blocks run by the engine on a real journal: their
 * {@code set}/{@code unset} are in the stored record (and survive reopening the journal), the innermost
 * scope's block replaces the outer ones, and {@code log} writes to org.leasehold.events.
 */
class LeaseEventStatementsTest {

    private static final String MAC = "02:00:00:00:19:01";

    private static final String CONF = """
            authoritative;
            ping-check false;
            default-lease-time 600;
            on commit { set scope = "global"; }
            on release { set scope = "global-release"; }
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.20;
              on commit {
                set clip = binary-to-ascii (10, 8, ".", leased-address);
                set clhw = binary-to-ascii (16, 8, ":", substring (hardware, 1, 6));
                set secs = lease-time;
                set fixed = static;
                if exists host-name {
                  set name = option host-name;
                } else {
                  set name = "none";
                }
                switch (option host-name) {
                  case "alpha": set branch = "a";
                  case "beta": set fell = "through";
                    break;
                  default: set branch = "other";
                }
                set seen = concat ("was ", clip);
                unset stale;
                log (info, concat ("commit ", clip, " for ", name));
              }
              on release {
                log (info, concat ("release ", binary-to-ascii (10, 8, ".", leased-address), " was ", clip));
                unset clip;
                set gone = "released";
              }
              on expiry {
                set gone = concat ("expired ", clip);
              }
            }
            """;

    private static Sent bind(EngineFixture f, int xid, DhcpOption... extra) {
        Sent o = f.exchange(with(request(MessageType.DISCOVER, MAC, xid), extra));
        DhcpOption[] all = new DhcpOption[extra.length + 2];
        all[0] = DhcpOption.ofAddress(50, o.message().yiaddr());
        all[1] = DhcpOption.ofAddress(54, EngineFixture.SERVER);
        System.arraycopy(extra, 0, all, 2, extra.length);
        Sent ack = f.exchange(with(request(MessageType.REQUEST, MAC, xid + 1), all));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        return ack;
    }

    @Test
    void onCommitSetsTheVariablesInTheStoredLeaseTheInnermostBlockReplacingTheGlobalOne(@TempDir Path dir)
            throws Exception {
        LeaseKey key;
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            Sent ack = bind(f, 1, DhcpOption.ofText(12, "alpha"));
            key = new LeaseKey("", ack.message().yiaddr());
            Map<String, String> v = f.store.get(key).orElseThrow().variables();
            String ip = ack.message().yiaddr().getHostAddress();
            assertThat(v).containsEntry("clip", ip).containsEntry("clhw", "2:0:0:0:19:1")
                    .containsEntry("secs", "600").containsEntry("fixed", "false").containsEntry("name", "alpha")
                    .containsEntry("branch", "a").containsEntry("fell", "through")
                    .containsEntry("seen", "was " + ip).doesNotContainKey("scope");
        }
        // the variables are in the journal record of the ACK's binding
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir)) {
            assertThat(reopened.get(key).orElseThrow().variables()).containsEntry("name", "alpha")
                    .containsEntry("branch", "a");
        }
    }

    @Test
    void switchFallsThroughToBreakAndTakesDefaultWhenNoCaseMatches(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            Sent ack = bind(f, 1, DhcpOption.ofText(12, "beta"));
            Map<String, String> v = f.store.get(new LeaseKey("", ack.message().yiaddr())).orElseThrow().variables();
            assertThat(v).containsEntry("fell", "through").doesNotContainKey("branch");
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("other"), CONF)) {
            Sent ack = bind(f, 1);
            Map<String, String> v = f.store.get(new LeaseKey("", ack.message().yiaddr())).orElseThrow().variables();
            assertThat(v).containsEntry("branch", "other").containsEntry("name", "none").doesNotContainKey("fell");
        }
    }

    @Test
    void aRenewalKeepsTheVariablesAndUnsetRemovesOne(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, """
                authoritative;
                ping-check false;
                subnet 198.18.0.0 netmask 255.255.0.0 {
                  range 198.18.1.10 198.18.1.20;
                  on commit {
                    if count = "1" { set count = "2"; unset first; } else { set count = "1"; set first = "yes"; }
                  }
                }
                """)) {
            Sent ack = bind(f, 1);
            LeaseKey key = new LeaseKey("", ack.message().yiaddr());
            assertThat(f.store.get(key).orElseThrow().variables()).containsEntry("count", "1")
                    .containsEntry("first", "yes");
            bind(f, 3);
            assertThat(f.store.get(key).orElseThrow().variables()).containsEntry("count", "2")
                    .doesNotContainKey("first");
        }
    }

    @Test
    void onReleaseChangesTheReleasedRecordAndLogsToTheEventsLogger(@TempDir Path dir) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            Sent ack = bind(f, 1, DhcpOption.ofText(12, "alpha"));
            LeaseKey key = new LeaseKey("", ack.message().yiaddr());
            String ip = ack.message().yiaddr().getHostAddress();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                f.receive(with(request(MessageType.RELEASE, MAC, 5).ciaddr(ack.message().yiaddr()),
                        DhcpOption.ofAddress(54, EngineFixture.SERVER)));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> f.store.get(key).orElseThrow().state() == LeaseState.RELEASED);
            } finally {
                System.setErr(err);
            }
            Lease released = f.store.get(key).orElseThrow();
            assertThat(released.variables()).doesNotContainKey("clip").containsEntry("gone", "released")
                    .containsEntry("name", "alpha").doesNotContainKey("scope");
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("org.leasehold.events")
                    .contains("release " + ip + " was " + ip);
        }
    }

    @Test
    void onExpiryRunsInTheExpiredRecordWithTheLeasesVariables(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            Sent ack = bind(f, 1);
            LeaseKey key = new LeaseKey("", ack.message().yiaddr());
            f.clock.addAndGet(601);
            f.engine.sweep(Runnable::run);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> f.store.get(key).orElseThrow().state() == LeaseState.EXPIRED);
            assertThat(f.store.get(key).orElseThrow().variables())
                    .containsEntry("gone", "expired " + ack.message().yiaddr().getHostAddress());
        }
    }

    @Test
    void statementsWrittenInScopesRunOnOfferAndAckOutermostFirstBeforeOnCommit(@TempDir Path dir) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String conf = """
                authoritative;
                ping-check false;
                set seen = "global";
                class "vendor" {
                  match if option vendor-class-identifier = "v";
                  set vendor-string = option vendor-class-identifier;
                }
                subnet 198.18.0.0 netmask 255.255.0.0 {
                  range 198.18.1.10 198.18.1.20;
                  log (info, concat ("scope log ", binary-to-ascii (10, 8, ".", leased-address), " ", seen));
                  set seen = concat (seen, " subnet");
                  on commit { set then = concat ("then ", seen); }
                }
                """;
        try (EngineFixture f = new EngineFixture(dir, conf)) {
            Sent ack;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                ack = bind(f, 1, DhcpOption.ofText(60, "v"));
            } finally {
                System.setErr(err);
            }
            String ip = ack.message().yiaddr().getHostAddress();
            assertThat(f.store.get(new LeaseKey("", ack.message().yiaddr())).orElseThrow().variables())
                    .containsEntry("vendor-string", "v").containsEntry("seen", "global subnet")
                    .containsEntry("then", "then global subnet");
            // once for the OFFER, once for the ACK
            assertThat(captured.toString(StandardCharsets.UTF_8).split("scope log " + ip + " global", -1)).hasSize(3);
        }
    }

    @Test
    void executeIsOffByDefaultAndCounted(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        Path script = script(dir, "printf '%s\\n' \"$@\" > " + marker + "\n");
        try (EngineFixture f = new EngineFixture(dir.resolve("j"), commitConf(
                        "on commit { execute (\"%s\", \"commit\", binary-to-ascii (10, 8, \".\", leased-address)); }"
                        .formatted(script)))) {
            bind(f, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.stats().get("events.execute-disabled") == 1);
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void executeRunsTheProgramWithItsArgumentsAfterTheAckWhenEnabled(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        Path script = script(dir, "printf '%s\\n' \"$@\" > " + marker + ".tmp && mv " + marker + ".tmp " + marker + "\n");
        try (ProgramRunner programs = new ProgramRunner(true, 10, 4);
                EngineFixture f = new EngineFixture(dir.resolve("j"), commitConf(
                        "on commit { execute (\"%s\", \"commit\", binary-to-ascii (10, 8, \".\", leased-address), clip); set clip = \"x\"; }"
                        .formatted(script)), programs)) {
            Sent ack = bind(f, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(marker));
            assertThat(Files.readAllLines(marker)).containsExactly("commit", ack.message().yiaddr().getHostAddress(), "");
            assertThat(f.engine.stats().get("events.execute-started")).isEqualTo(1);
        }
    }

    @Test
    void aProgramPastItsTimeLimitIsKilled(@TempDir Path dir) throws Exception {
        Path script = script(dir, "sleep 60\n");
        try (ProgramRunner programs = new ProgramRunner(true, 1, 4);
                EngineFixture f = new EngineFixture(dir.resolve("j"), commitConf(
                        "on commit { execute (\"%s\"); }"
                        .formatted(script)), programs)) {
            bind(f, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.engine.stats().get("events.execute-killed") == 1);
            assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep"))
                    .map(ProcessHandle::pid)).isEmpty();
        }
    }

    @Test
    void programsBeyondTheQueueAreDroppedAndCounted(@TempDir Path dir) throws Exception {
        Path script = script(dir, "sleep 60\n");
        try (ProgramRunner programs = new ProgramRunner(true, 30, 1);
                EngineFixture f = new EngineFixture(dir.resolve("j"), commitConf(
                        "on commit { execute (\"%s\"); execute (\"%s\"); execute (\"%s\"); }"
                        .formatted(script, script, script)), programs)) {
            Sent ack = bind(f, 1);
            assertThat(ack.type()).isEqualTo(MessageType.ACK);
            // the first goes to the worker, the second waits in the queue of one, the third is dropped
            await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.stats().get("events.execute-dropped") == 1);
            assertThat(f.engine.stats().get("events.execute-started")).isLessThanOrEqualTo(1);
        }
    }

    /** A subnet whose scope has this {@code on commit} block. */
    private static String commitConf(String onCommit) {
        return """
                authoritative;
                ping-check false;
                subnet 198.18.0.0 netmask 255.255.0.0 {
                  range 198.18.1.10 198.18.1.20;
                  %s
                }
                """.formatted(onCommit);
    }

    private static Path script(Path dir, String body) throws Exception {
        Path s = dir.resolve("event.sh");
        Files.writeString(s, "#!/bin/sh\n" + body);
        s.toFile().setExecutable(true);
        return s;
    }
}
