package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;

/**
 * What replaying a damaged journal must do, checked against an independent reading of the frame
 * format (length, CRC32C, payload; {@link LeaseRecordCodec}'s javadoc): every record up to the first
 * bad frame is applied, in order; the file is cut exactly there and the cut bytes saved beside it; a
 * second replay of the cut file finds nothing more to cut; a record with a good CRC that cannot be
 * decoded, or a foreign header, stops the replay with an IOException and leaves the file as it was.
 * Nothing but IOException may escape. Throws AssertionError when the replay breaks one of these.
 */
final class ReplayProperty {

    /** The replay under test; {@link JournalReader#replay} in the fuzz target, broken ones in its test. */
    interface Replay {
        JournalReader.Result replay(Path file, Map<LeaseKey, Lease> into) throws IOException;
    }

    private ReplayProperty() {
    }

    /**
     * Replays {@code damaged} (written to {@code dir}, which it empties afterwards) and checks it;
     * {@code intact} frames of the undamaged journal end at or before the first damaged byte and must
     * all be kept.
     */
    static void check(byte[] damaged, int intact, Path dir, Replay replay) throws IOException {
        Path file = dir.resolve(JournalFiles.JOURNAL);
        Files.write(file, damaged);
        try {
            Expected expected = expected(damaged);
            Map<LeaseKey, Lease> into = new HashMap<>();
            JournalReader.Result r;
            try {
                r = replay.replay(file, into);
            } catch (IOException e) {
                if (!expected.refused) {
                    throw new AssertionError("replay refused a journal it should have read: " + e, e);
                }
                if (!Arrays.equals(Files.readAllBytes(file), damaged) || siblings(dir).size() != 1) {
                    throw new AssertionError("replay refused the journal but changed its folder");
                }
                return;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("replay threw past its IOException: " + e, e);
            }
            if (expected.refused) {
                throw new AssertionError("replay read a journal it should have refused: " + r);
            }
            if (r.records() < intact) {
                throw new AssertionError("replay kept " + r.records() + " records of the " + intact
                        + " written before the first damaged byte");
            }
            checkRead(r, into, expected, damaged, file, dir);
            Map<LeaseKey, Lease> again = new HashMap<>();
            JournalReader.Result second = replay.replay(file, again);
            if (second.records() != expected.records.size() || second.discardedBytes() != 0 || !again.equals(into)) {
                throw new AssertionError("a second replay of the cut journal differs: " + second);
            }
        } finally {
            for (Path p : siblings(dir)) {
                Files.delete(p);
            }
        }
    }

    private static void checkRead(JournalReader.Result r, Map<LeaseKey, Lease> into, Expected expected,
                                  byte[] damaged, Path file, Path dir) throws IOException {
        if (r.records() != expected.records.size() || r.goodBytes() != expected.goodBytes) {
            throw new AssertionError("replay read " + r.records() + " records / " + r.goodBytes() + " bytes, the"
                    + " frames hold " + expected.records.size() + " / " + expected.goodBytes + " (" + r.problem() + ")");
        }
        if (!into.equals(expected.state())) {
            throw new AssertionError("replayed leases differ from the records up to the first bad frame");
        }
        byte[] kept = Files.readAllBytes(file);
        if (!Arrays.equals(kept, Arrays.copyOf(damaged, expected.goodBytes))) {
            throw new AssertionError("the journal was not cut at the end of the last good frame (" + kept.length
                    + " bytes left, " + expected.goodBytes + " expected)");
        }
        List<Path> saved = siblings(dir).stream().filter(p -> !p.equals(file)).toList();
        byte[] tail = Arrays.copyOfRange(damaged, expected.goodBytes, damaged.length);
        if (tail.length == 0 ? !saved.isEmpty()
                : saved.size() != 1 || !Arrays.equals(Files.readAllBytes(saved.get(0)), tail)) {
            throw new AssertionError("the cut bytes were not saved beside the journal, whole: " + saved);
        }
    }

    /** The frames as the format defines them, read without the reader. */
    private record Expected(boolean refused, List<JournalRecord> records, int goodBytes) {
        Map<LeaseKey, Lease> state() {
            Map<LeaseKey, Lease> m = new HashMap<>();
            for (JournalRecord rec : records) {
                if (rec instanceof JournalRecord.Put put) {
                    m.put(put.key(), put.lease());
                } else {
                    m.remove(rec.key());
                }
            }
            return m;
        }
    }

    private static Expected expected(byte[] b) {
        if (b.length < LeaseRecordCodec.FILE_HEADER_BYTES) {
            return new Expected(false, List.of(), 0);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.getInt(0) != LeaseRecordCodec.MAGIC || buf.getInt(4) != LeaseRecordCodec.FILE_FORMAT) {
            return new Expected(true, List.of(), 0);
        }
        List<JournalRecord> records = new ArrayList<>();
        LeaseRecordCodec.Decoder decoder = new LeaseRecordCodec.Decoder();
        int pos = LeaseRecordCodec.FILE_HEADER_BYTES;
        while (b.length - pos >= LeaseRecordCodec.FRAME_HEADER_BYTES) {
            int length = buf.getInt(pos);
            if (length < 2 || length > LeaseRecordCodec.MAX_PAYLOAD || length > b.length - pos - 8) {
                break;
            }
            CRC32C crc = new CRC32C();
            crc.update(b, pos + 8, length);
            if ((int) crc.getValue() != buf.getInt(pos + 4)) {
                break;
            }
            try {
                records.add(decoder.decode(ByteBuffer.wrap(b, pos + 8, length).slice()));
            } catch (IllegalArgumentException e) {
                return new Expected(true, List.of(), 0);
            }
            pos += 8 + length;
        }
        return new Expected(false, List.copyOf(records), pos);
    }

    private static List<Path> siblings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Index of the first byte where {@code damaged} differs from {@code original} (a prefix differs at its end). */
    static int firstDifference(byte[] original, byte[] damaged) {
        int m = Arrays.mismatch(original, damaged);
        return m < 0 ? original.length : m;
    }

    /** How many frames, ending at {@code frameEnds}, lie wholly before {@code offset}. */
    static int framesBefore(List<Integer> frameEnds, int offset) {
        int n = 0;
        while (n < frameEnds.size() && frameEnds.get(n) <= offset) {
            n++;
        }
        return n;
    }
}
