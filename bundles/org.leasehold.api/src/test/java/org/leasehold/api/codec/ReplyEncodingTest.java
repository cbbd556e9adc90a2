package org.leasehold.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.MessageType;
import org.junit.jupiter.api.Test;

class ReplyEncodingTest {
    private static final String H1 = "h1-rich-options-dhclient-vs-dhcpd";
    private static final String H2 = "h2-overload-dhclient-mms576-vs-dhcpd";

    private static DhcpMessage decode(String file, int frame) throws DecodeException {
        return DhcpCodec.decode(Vectors.packet(file, frame));
    }

    /** dhcpd's rich ACK, as our server would build it before layout. */
    private static DhcpMessage richReply() throws DecodeException {
        DhcpMessage ack = decode(H1, 4);
        return ack.toBuilder().options(DhcpOptions.of(new ArrayList<>(ack.options().all()))).build();
    }

    private static List<Integer> codes(DhcpMessage m) {
        return m.options().all().stream().map(DhcpOption::code).toList();
    }

    @Test
    void richReplyOverloadsFileAndSnameForAClientLimitedTo576() throws DecodeException {
        DhcpMessage request = decode(H2, 3);
        ReplyEncoding enc = ReplyEncoding.forRequest(request);
        assertThat(enc.maxMessageSize()).isEqualTo(576);
        byte[] wire = DhcpCodec.encodeReply(richReply(), enc);
        assertThat(wire.length).isLessThanOrEqualTo(548);
        DhcpMessage back = DhcpCodec.decode(wire);
        assertThat(back.options().uint8(52)).isPresent();
        assertThat(back.overloaded()).isNotZero();
        DhcpMessage reply = richReply();
        for (DhcpOption o : back.options().all()) {
            if (o.code() != 52) {
                assertThat(o).isEqualTo(reply.options().get(o.code()).orElseThrow());
            }
        }
        assertThat(codes(back)).contains(53, 54, 51, 1, 3, 6, 15, 119, 121, 81);
        assertThat(back.options().bytes(119)).contains(reply.options().bytes(119).orElseThrow());
    }

    @Test
    void replyToAClientAccepting1500BytesNeedsNoOverloadAndSplitsLongOptions() throws DecodeException {
        DhcpMessage request = decode(H1, 3);
        byte[] wire = DhcpCodec.encodeReply(richReply(), ReplyEncoding.forRequest(request));
        DhcpMessage back = DhcpCodec.decode(wire);
        assertThat(back.overloaded()).isZero();
        assertThat(back.options().all()).containsExactlyInAnyOrderElementsOf(richReply().options().all());
        assertThat(back.options().instances().stream().filter(o -> o.code() == 224).map(DhcpOption::length))
            .containsExactly(255, 45);
        assertThat(wire[wire.length - 1]).isEqualTo((byte) 255);
    }

    @Test
    void optionsFollowTheParameterRequestListAfterTheDhcpOnes() throws DecodeException {
        DhcpMessage request = decode(H1, 3);
        byte[] prl = request.options().bytes(55).orElseThrow();
        DhcpMessage back = DhcpCodec.decode(DhcpCodec.encodeReply(richReply(), ReplyEncoding.forRequest(request)));
        List<Integer> order = codes(back);
        assertThat(order.subList(0, 3)).containsExactly(53, 54, 51);
        List<Integer> requested = new ArrayList<>();
        for (byte c : prl) {
            if (order.contains(c & 0xff) && !List.of(53, 54, 51, 58, 59).contains(c & 0xff)) {
                requested.add(c & 0xff);
            }
        }
        assertThat(order).containsSubsequence(requested);
        int lastRequested = order.indexOf(requested.get(requested.size() - 1));
        assertThat(requested).doesNotContain(81);
        assertThat(order.indexOf(81)).isGreaterThan(lastRequested);
    }

    @Test
    void smallReplyIsPaddedTo300AndRelayInformationGoesLast() throws DecodeException {
        DhcpMessage reply = DhcpMessage.builder().op(2).xid(42).messageType(MessageType.OFFER)
            .option(DhcpOption.ofText(82, "x")).option(DhcpOption.ofUint32(51, 3600)).build();
        byte[] wire = DhcpCodec.encodeReply(reply, ReplyEncoding.defaults());
        assertThat(wire).hasSize(300);
        assertThat(codes(DhcpCodec.decode(wire))).containsExactly(53, 51, 82);
    }

    @Test
    void bootpReplyDropsDhcpOnlyOptions() throws DecodeException {
        DhcpMessage bootpRequest = decode("f-bootp-scapy-vs-dhcpd", 3);
        assertThat(bootpRequest.isBootp()).isTrue();
        ReplyEncoding enc = ReplyEncoding.forRequest(bootpRequest);
        assertThat(enc.bootp()).isTrue();
        DhcpMessage reply = DhcpMessage.builder().op(2).file("pxelinux.0").messageType(MessageType.ACK)
            .option(DhcpOption.ofUint32(51, 3600)).option(DhcpOption.of(1, new byte[] {-1, -1, 0, 0})).build();
        byte[] wire = DhcpCodec.encodeReply(reply, enc);
        DhcpMessage back = DhcpCodec.decode(wire);
        assertThat(codes(back)).containsExactly(1);
        assertThat(back.isBootp()).isTrue();
        assertThat(back.fileText()).isEqualTo("pxelinux.0");
        assertThat(wire).hasSize(300);
    }

    @Test
    void plainEncodeOfABuiltMessageSplitsAndEnds() throws DecodeException {
        byte[] big = new byte[600];
        Arrays.fill(big, (byte) 'a');
        DhcpMessage m = DhcpMessage.builder().xid(7).messageType(MessageType.DISCOVER).option(DhcpOption.of(224, big))
            .build();
        DhcpMessage back = DhcpCodec.decode(DhcpCodec.encode(m));
        assertThat(back.options().instances()).extracting(DhcpOption::length).containsExactly(1, 255, 255, 90);
        assertThat(back).isEqualTo(m);
    }
}
