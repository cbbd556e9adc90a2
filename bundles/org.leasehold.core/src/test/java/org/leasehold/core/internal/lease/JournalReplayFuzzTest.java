package org.leasehold.core.internal.lease;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of journal replay ({@link JournalReader#replay}) with Jazzer: the input
 * builds a journal the writer could have written (records of leases and deletes from the input), then
 * damages it as a crash, a bad disk or a stray write would: cut it, overwrite, insert or append bytes,
 * or flip a bit. Replay must keep every record before the first bad frame and cut exactly there
 * ({@link ReplayProperty}; {@link ReplayPropertyTest} shows the check catches a replay that loses a
 * record). Files live in /dev/shm where there is one: the replay fsyncs. A plain test run replays the
 * findings under JournalReplayFuzzTestInputs; benchmarks/fuzz.sh fuzzes it (docs/fuzzing.md).
 */
class JournalReplayFuzzTest {

    private static final Path DIR = scratch();

    @FuzzTest(maxDuration = "10m")
    void replayKeepsEveryRecordBeforeTheFirstBadFrame(FuzzedDataProvider in) throws IOException {
        JournalFuzzing.Journal journal = JournalFuzzing.journal(in);
        byte[] original = journal.bytes();
        byte[] damaged = damage(original, in);
        int intact = ReplayProperty.framesBefore(journal.frameEnds(), ReplayProperty.firstDifference(original, damaged));
        ReplayProperty.check(damaged, intact, DIR, JournalReader::replay);
    }

    static byte[] damage(byte[] b, FuzzedDataProvider in) {
        int at = in.consumeInt(0, b.length);
        return switch (in.consumeInt(0, 5)) {
            case 0 -> b;
            case 1 -> Arrays.copyOf(b, at);
            case 2 -> {
                byte[] d = b.clone();
                byte[] with = in.consumeBytes(16);
                System.arraycopy(with, 0, d, at, Math.min(with.length, d.length - at));
                yield d;
            }
            case 3 -> insert(b, at, in.consumeBytes(in.consumeInt(1, 32)));
            case 4 -> insert(b, b.length, in.consumeRemainingAsBytes());
            default -> {
                byte[] d = b.clone();
                if (at < d.length) {
                    d[at] ^= (byte) (1 << in.consumeInt(0, 7));
                }
                yield d;
            }
        };
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        return ByteBuffer.allocate(b.length + what.length).put(b, 0, at).put(what).put(b, at, b.length - at).array();
    }

    private static Path scratch() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "leasehold-replay-fuzz") : Files.createTempDirectory("replay-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
