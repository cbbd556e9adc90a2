package org.leasehold.core.internal.lease;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

/** Journals and journal records built from fuzzer input, for the journal fuzz targets. Stateless. */
final class JournalFuzzing {

    private static final String[] NAMES = {"", "voip", "10.0.0.0/8", "p1", "printers", "h\u00e9", "ddns-fwd-name"};

    private JournalFuzzing() {
    }

    /** A journal the writer could have written: the file header, then frames of records from {@code in}. */
    record Journal(byte[] bytes, List<JournalRecord> records, List<Integer> frameEnds) {
    }

    static Journal journal(FuzzedDataProvider in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LeaseRecordCodec.fileHeader().array());
        List<JournalRecord> records = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int n = in.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            JournalRecord r;
            byte[] frame;
            if (in.consumeInt(0, 4) == 0) {
                LeaseKey key = key(in);
                r = new JournalRecord.Delete(key);
                frame = LeaseRecordCodec.encodeDelete(key);
            } else {
                Lease l = lease(in);
                r = new JournalRecord.Put(l);
                frame = LeaseRecordCodec.encodePut(l);
            }
            out.writeBytes(frame);
            records.add(r);
            ends.add(out.size());
        }
        return new Journal(out.toByteArray(), List.copyOf(records), List.copyOf(ends));
    }

    /** Few addresses and spaces, so that puts and deletes of one key meet in a journal. */
    static LeaseKey key(FuzzedDataProvider in) {
        return new LeaseKey(in.consumeBoolean() ? "" : "voip", TestLeases.address(in.consumeInt(0, 7)));
    }

    static Lease lease(FuzzedDataProvider in) {
        Lease.Builder b = Lease.builder(key(in)).state(in.pickValue(LeaseState.values()));
        if (in.consumeBoolean()) {
            byte[] id = in.consumeBytes(in.consumeInt(1, 20));
            b.client(id.length == 0 ? null : new ClientKey(id));
        }
        if (in.consumeBoolean()) {
            b.hardware(new HardwareAddress(in.consumeInt(0, 255), in.consumeBytes(in.consumeInt(0, 16))));
        }
        b.start(in.consumeLong()).end(in.consumeBoolean() ? Lease.NEVER : in.consumeLong());
        b.hostname(in.consumeString(in.consumeInt(0, 24))).subnet(in.pickValue(NAMES)).pool(in.pickValue(NAMES));
        b.relayAgentInfo(in.consumeBytes(in.consumeInt(0, 16)));
        if (in.consumeBoolean()) {
            b.classes(Set.of(in.pickValue(NAMES) + "c"));
        }
        int vars = in.consumeInt(0, 2);
        for (int i = 0; i < vars; i++) {
            b.variable(in.pickValue(NAMES) + "v", in.consumeString(in.consumeInt(0, 16)));
        }
        return b.bootp(in.consumeBoolean()).build();
    }

    /** The payload of a whole frame (without the length and CRC words). */
    static ByteBuffer payload(byte[] frame) {
        return ByteBuffer.wrap(frame, LeaseRecordCodec.FRAME_HEADER_BYTES,
                frame.length - LeaseRecordCodec.FRAME_HEADER_BYTES).slice();
    }
}
