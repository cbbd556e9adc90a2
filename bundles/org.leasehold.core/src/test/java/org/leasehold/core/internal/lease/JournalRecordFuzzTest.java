package org.leasehold.core.internal.lease;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.api.lease.Lease;

/**
 * Coverage-guided fuzzing of the journal's record decoder ({@link LeaseRecordCodec.Decoder}) with
 * Jazzer: the input is one record payload (what a frame with a good CRC holds). The decoder returns a
 * record or throws the IllegalArgumentException it documents (the reader turns that into "cannot be
 * read by this version"); a decoder that has decoded other records before (and caches their strings)
 * agrees with a fresh one; and a decoded record, encoded again, decodes to the same record. Seeds: the
 * payloads of the records the unit tests write. A plain test run replays the seeds and the findings
 * under JournalRecordFuzzTestInputs; benchmarks/fuzz.sh fuzzes it (docs/fuzzing.md).
 */
class JournalRecordFuzzTest {

    /** Lives across inputs, as the reader's decoder lives across a file's records. */
    private static final LeaseRecordCodec.Decoder SHARED = new LeaseRecordCodec.Decoder();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void decodeFailsOnlyWithIllegalArgumentAndRoundTrips(byte[] data) {
        JournalRecord fresh = decodeOrNull(new LeaseRecordCodec.Decoder(), data);
        JournalRecord shared = decodeOrNull(SHARED, data);
        if (fresh == null ? shared != null : !fresh.equals(shared)) {
            throw new AssertionError("a decoder with cached strings decodes differently: " + fresh + " / " + shared);
        }
        if (fresh == null) {
            return;
        }
        byte[] frame = fresh instanceof JournalRecord.Put put ? LeaseRecordCodec.encodePut(put.lease())
                : LeaseRecordCodec.encodeDelete(fresh.key());
        JournalRecord again = new LeaseRecordCodec.Decoder().decode(JournalFuzzing.payload(frame));
        if (!again.equals(fresh)) {
            throw new AssertionError("decode -> encode -> decode changed the record: " + fresh + " / " + again);
        }
    }

    private static JournalRecord decodeOrNull(LeaseRecordCodec.Decoder decoder, byte[] data) {
        try {
            return decoder.decode(ByteBuffer.wrap(data));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Stream<byte[]> seeds() {
        Lease full = TestLeases.full(3).toBuilder().variable("ddns-fwd-name", "host3.example.net").build();
        return Stream.of(LeaseRecordCodec.encodePut(TestLeases.full(3)), LeaseRecordCodec.encodePut(full),
                LeaseRecordCodec.encodePut(TestLeases.active(4, 1)), LeaseRecordCodec.encodeDelete(TestLeases.key(4)))
                .map(f -> Arrays.copyOfRange(f, LeaseRecordCodec.FRAME_HEADER_BYTES, f.length));
    }
}
