package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.Lease;

/**
 * Kills a committing JVM with SIGKILL at several points, reopening the same directory each time, and
 * checks that every acknowledged commit survived.
 */
class CrashRecoveryTest {

    private static final int KEYS = 3_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
        Path dir = tmp.resolve("store");
        Map<Integer, Long> acknowledged = new HashMap<>();
        int[] killAfter = {1_500, 6_000, 300, 9_000};
        for (int round = 0; round < killAfter.length; round++) {
            long firstSeq = (round + 1) * 10_000_000L;
            Path log = tmp.resolve("child-" + round + ".log");
            int seen = runAndKill(dir, firstSeq, killAfter[round], acknowledged, log);
            assertThat(seen).isGreaterThanOrEqualTo(killAfter[round]);
            System.out.printf("crash round %d: killed after %d acknowledgements, read %d%n", round, killAfter[round],
                    seen);
            assertAllPresent(dir, acknowledged);
        }
    }

    /** Starts the child, reads acknowledgements, kills it after {@code killAfter}, reads the rest. */
    private static int runAndKill(Path dir, long firstSeq, int killAfter, Map<Integer, Long> acknowledged,
                                  Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashingCommitter.class.getName(), dir.toString(), Long.toString(firstSeq), Integer.toString(KEYS)))
                .redirectError(log.toFile()).start();
        int lines = 0;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space < 0) {
                    continue; // a line cut by the kill was never fully acknowledged
                }
                acknowledged.merge(Integer.parseInt(line.substring(0, space)),
                        Long.parseLong(line.substring(space + 1)), Math::max);
                if (++lines == killAfter) {
                    // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves our end
                    // of the pipe open: the lines already in it were acknowledged too, so read them.
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(child.exitValue()).as("child killed, see %s", log).isEqualTo(137);
        return lines;
    }

    private static void assertAllPresent(Path dir, Map<Integer, Long> acknowledged) throws IOException {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            System.out.printf("crash: reopened %d leases from %d records, %d torn bytes cut; %d addresses acked%n",
                    store.size(), store.stats().replayedRecords(), store.stats().discardedBytes(), acknowledged.size());
            for (Map.Entry<Integer, Long> ack : acknowledged.entrySet()) {
                Lease l = store.get(TestLeases.key(ack.getKey())).orElse(null);
                assertThat(l).as("lease %s", ack.getKey()).isNotNull();
                long seq = l.endEpochSecond() - TestLeases.T0;
                assertThat(seq).as("lease %s version", ack.getKey()).isGreaterThanOrEqualTo(ack.getValue());
                assertThat(l).isEqualTo(TestLeases.active(ack.getKey(), seq));
            }
        }
    }
}
