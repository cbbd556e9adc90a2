package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

class LeaseRecordCodecTest {

    private static JournalRecord decodeFrame(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int length = b.getInt();
        b.getInt();
        assertThat(length).isEqualTo(frame.length - LeaseRecordCodec.FRAME_HEADER_BYTES);
        return new LeaseRecordCodec.Decoder().decode(b.slice(8, length));
    }

    @Test
    void roundTripsEveryField() {
        Lease lease = TestLeases.full(7).toBuilder().hostname("höst-ünïcode").build();
        JournalRecord r = decodeFrame(LeaseRecordCodec.encodePut(lease));
        assertThat(r).isEqualTo(new JournalRecord.Put(lease));
        assertThat(((JournalRecord.Put) r).lease().relayAgentInfo()).containsExactly(lease.relayAgentInfo());
    }

    @Test
    void roundTripsVariablesInAVersion2RecordAndWritesVersion1WithoutThem() {
        Lease lease = TestLeases.full(7).toBuilder().variable("ddns-fwd-name", "host7.example.net")
                .variable("fo.tstp", "1700000000").build();
        byte[] frame = LeaseRecordCodec.encodePut(lease);
        assertThat(frame[8]).isEqualTo(LeaseRecordCodec.VERSION_VARIABLES);
        JournalRecord r = decodeFrame(frame);
        assertThat(r).isEqualTo(new JournalRecord.Put(lease));
        assertThat(((JournalRecord.Put) r).lease().variables()).containsExactly(
                java.util.Map.entry("ddns-fwd-name", "host7.example.net"), java.util.Map.entry("fo.tstp", "1700000000"));
        assertThat(LeaseRecordCodec.encodePut(lease.toBuilder().variables(null).build())[8])
                .isEqualTo(LeaseRecordCodec.VERSION);
    }

    @Test
    void roundTripsLeaseWithoutClientOrHardware() {
        Lease free = Lease.builder(new LeaseKey("voip+phones", TestLeases.address(3))).end(Lease.NEVER).build();
        assertThat(decodeFrame(LeaseRecordCodec.encodePut(free))).isEqualTo(new JournalRecord.Put(free));
    }

    @Test
    void roundTripsDelete() {
        LeaseKey key = new LeaseKey("s", TestLeases.address(9));
        assertThat(decodeFrame(LeaseRecordCodec.encodeDelete(key))).isEqualTo(new JournalRecord.Delete(key));
    }

    @Test
    void frameCarriesLengthCrc32cAndVersion() {
        byte[] frame = LeaseRecordCodec.encodePut(TestLeases.active(1, 1));
        ByteBuffer b = ByteBuffer.wrap(frame);
        int length = b.getInt(0);
        CRC32C crc = new CRC32C();
        crc.update(frame, 8, length);
        assertThat(b.getInt(4)).isEqualTo((int) crc.getValue());
        assertThat(frame[8]).isEqualTo(LeaseRecordCodec.VERSION);
        assertThat(frame[9]).isEqualTo(LeaseRecordCodec.PUT);
    }

    @Test
    void rejectsUnknownVersionTypeAndTrailingBytes() {
        byte[] frame = LeaseRecordCodec.encodeDelete(TestLeases.key(1));
        byte[] payload = java.util.Arrays.copyOfRange(frame, 8, frame.length);
        LeaseRecordCodec.Decoder d = new LeaseRecordCodec.Decoder();
        byte[] v2 = payload.clone();
        v2[0] = 3; // newer than any version this build reads
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(v2))).hasMessageContaining("version");
        byte[] t9 = payload.clone();
        t9[1] = 9;
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(t9))).hasMessageContaining("type");
        byte[] longer = java.util.Arrays.copyOf(payload, payload.length + 1);
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(longer))).hasMessageContaining("unexpected");
        byte[] shorter = java.util.Arrays.copyOf(payload, payload.length - 1);
        assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(shorter))).hasMessageContaining("early");
    }

    @Test
    void stateCodesAreStableAndRoundTrip() {
        assertThat(LeaseRecordCodec.stateCode(LeaseState.FREE)).isEqualTo(1);
        assertThat(LeaseRecordCodec.stateCode(LeaseState.BACKUP)).isEqualTo(7);
        for (LeaseState s : LeaseState.values()) {
            assertThat(LeaseRecordCodec.state(LeaseRecordCodec.stateCode(s))).isEqualTo(s);
        }
    }

    @Test
    void refusesOversizedFields() {
        Lease huge = TestLeases.active(1, 1).withHostname("x".repeat(70_000));
        assertThatThrownBy(() -> LeaseRecordCodec.encodePut(huge)).isInstanceOf(IllegalArgumentException.class);
    }
}
