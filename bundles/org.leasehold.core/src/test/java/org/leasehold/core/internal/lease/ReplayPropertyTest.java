package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property the journal replay fuzz target asserts holds for the real replay on typical damage,
 * and fails for replays that lose a record, cut too much, or throw past IOException: a check that
 * cannot fail would prove nothing.
 */
class ReplayPropertyTest {

    @TempDir
    Path dir;

    /** Header and three puts; the frame ends in {@link #ends}. */
    private final byte[] journal;
    private final List<Integer> ends;

    ReplayPropertyTest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LeaseRecordCodec.fileHeader().array());
        Integer[] e = new Integer[3];
        for (int i = 0; i < 3; i++) {
            out.writeBytes(LeaseRecordCodec.encodePut(TestLeases.full(i + 1)));
            e[i] = out.size();
        }
        journal = out.toByteArray();
        ends = List.of(e);
    }

    @Test
    void theRealReplayKeepsTheProperty() throws Exception {
        check(journal, JournalReader::replay);
        check(Arrays.copyOf(journal, journal.length - 3), JournalReader::replay); // torn last frame
        byte[] crc = journal.clone();
        crc[ends.get(0) + 20] ^= 1; // second frame's payload
        check(crc, JournalReader::replay);
        byte[] tail = Arrays.copyOf(journal, journal.length + 5); // zeros after the last frame
        check(tail, JournalReader::replay);
        byte[] header = journal.clone();
        header[1] ^= 1; // not a journal: refused, left alone
        check(header, JournalReader::replay);
        check(Arrays.copyOf(journal, 5), JournalReader::replay); // torn header
    }

    @Test
    void failsForAReplayThatLosesARecord() {
        ReplayProperty.Replay losing = (file, into) -> {
            JournalReader.Result r = JournalReader.replay(file, into);
            into.remove(TestLeases.key(2));
            return r;
        };
        assertThatThrownBy(() -> check(journal, losing)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("replayed leases differ");
    }

    @Test
    void failsForAReplayThatCutsAGoodFrame() {
        ReplayProperty.Replay cutting = (file, into) -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(ends.get(1) - 1); // tears the second frame
            }
            return JournalReader.replay(file, into);
        };
        byte[] torn = Arrays.copyOf(journal, journal.length - 3);
        assertThatThrownBy(() -> check(torn, cutting)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("written before the first damaged byte");
    }

    @Test
    void failsForAReplayThatThrowsPastIoException() {
        ReplayProperty.Replay throwing = (file, into) -> {
            throw new IllegalStateException("record ends early");
        };
        assertThatThrownBy(() -> check(journal, throwing)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("threw past its IOException");
        assertThatCode(() -> check(journal, JournalReader::replay)).doesNotThrowAnyException();
    }

    private void check(byte[] damaged, ReplayProperty.Replay replay) throws Exception {
        int intact = ReplayProperty.framesBefore(ends, ReplayProperty.firstDifference(journal, damaged));
        ReplayProperty.check(damaged, intact, dir, replay);
    }
}
