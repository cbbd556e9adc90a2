package org.leasehold.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.junit.jupiter.api.Test;

class DhcpCodecTest {
    private static byte[] discover() {
        return Vectors.packet("a-dhclient", 1);
    }

    private static DecodeException failure(byte[] b) {
        return catchThrowableOfType(DecodeException.class, () -> DhcpCodec.decode(b));
    }

    @Test
    void truncatedHeaderReportsItsLength() {
        DecodeException e = failure(Arrays.copyOf(discover(), 100));
        assertThat(e.offset()).isEqualTo(100);
        assertThat(e.reason()).contains("truncated");
    }

    @Test
    void badOpAndHlenAreRejected() {
        byte[] b = discover();
        b[0] = 3;
        assertThat(failure(b).offset()).isZero();
        b = discover();
        b[2] = 17;
        assertThat(failure(b).offset()).isEqualTo(2);
    }

    @Test
    void optionOverrunningThePacketIsRejectedAtItsOffset() {
        byte[] b = Arrays.copyOf(discover(), 245);
        b[243] = 12;
        b[244] = 40;
        DecodeException e = failure(b);
        assertThat(e.offset()).isEqualTo(243);
        assertThat(e.reason()).contains("option 12");
    }

    @Test
    void optionOverloadMustBeOneTwoOrThree() {
        byte[] b = discover();
        b[240] = 52;
        b[241] = 1;
        b[242] = 4;
        assertThat(failure(b).reason()).contains("52");
    }

    @Test
    void missingCookieMeansBootpWithRawVendArea() throws DecodeException {
        byte[] b = discover();
        b[236] = 0;
        DhcpMessage m = DhcpCodec.decode(b);
        assertThat(m.isBootp()).isTrue();
        assertThat(m.options().isEmpty()).isTrue();
        assertThat(DhcpCodec.encode(m)).isEqualTo(b);
    }

    @Test
    void decodesFromHeapAndDirectBuffersWithoutMovingThem() throws DecodeException {
        byte[] b = discover();
        ByteBuffer direct = ByteBuffer.allocateDirect(b.length + 3);
        direct.put(new byte[] {9, 9, 9}).put(b).flip().position(3);
        DhcpMessage fromDirect = DhcpCodec.decode(direct);
        assertThat(direct.position()).isEqualTo(3);
        ByteBuffer heap = ByteBuffer.wrap(b);
        assertThat(DhcpCodec.decode(heap)).isEqualTo(fromDirect);
        assertThat(fromDirect.messageType()).contains(MessageType.DISCOVER);
    }

    @Test
    void changedOptionsAreLaidOutAnewAndUnknownOptionsSurvive() throws DecodeException {
        DhcpMessage m = DhcpCodec.decode(discover());
        DhcpMessage changed = m.toBuilder().option(DhcpOption.of(250, new byte[] {1, 2, 3})).build();
        assertThat(changed.wireVendArea()).isEmpty();
        DhcpMessage back = DhcpCodec.decode(DhcpCodec.encode(changed));
        assertThat(back.options().bytes(250)).contains(new byte[] {1, 2, 3});
        assertThat(back.options().all().get(back.options().size() - 1).code()).isEqualTo(250);
        assertThat(back.options().get(250).orElseThrow().optionCode().name()).isEqualTo("option-250");
    }
}
