package org.leasehold.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.ReplyEncoding;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.option.Authentication;
import org.leasehold.auth.internal.DelayedAuth.Check;
import org.leasehold.auth.internal.DelayedAuth.Outcome;
import org.leasehold.auth.internal.DelayedAuth.Reason;
import org.leasehold.testing.Packets;

class DelayedAuthTest {

    /**
     * A DHCPREQUEST relayed once (hops 1, giaddr 198.18.0.1) from 02:00:00:00:0c:41, authenticated with
     * key 1 = 00112233445566778899aabbccddeeff and replay counter 5. The MAC was computed outside this
     * code base (Python's hmac module, over the packet with hops, giaddr and the MAC zero).
     */
    static final String SIGNED_REQUEST = "010106011234567800000000000000000000000000000000c6120001020000000c4100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501033204c61200325a1f0101000000000000000005000000013c4f689245c890fc064cc599cbfe81d1ff0000000000000000000000000000000000";
    static final String MAC = "3c4f689245c890fc064cc599cbfe81d1";
    static final KeyFile KEYS = KeyFile.parse("k",
            "mac 02:00:00:00:0c:41 1 hex:00112233445566778899aabbccddeeff\n").keys().orElseThrow();

    @Test
    void hmacMd5MatchesRfc2104TestCase1() throws Exception {
        javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacMD5");
        m.init(new javax.crypto.spec.SecretKeySpec(Packets.hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), "HmacMD5"));
        assertThat(m.doFinal("Hi There".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Packets.hex("9294727a3638bb1c13f48ef8158bfc9d"));
    }

    @Test
    void acceptsTheKnownAnswerWhateverTheRelayDidToHopsAndGiaddr() throws Exception {
        byte[] wire = Packets.hex(SIGNED_REQUEST);
        DhcpMessage m = DhcpCodec.decode(wire);
        Check c = DelayedAuth.check(m, DhcpCodec.encode(m), KEYS, false);
        assertThat(c.outcome()).isEqualTo(Outcome.VALID);
        assertThat(c.replay()).isEqualTo(5);
        assertThat(c.macChecked()).isTrue();
        assertThat(DelayedAuth.hmac(KEYS.get("mac:020000000c41").orElseThrow().secret(), wire,
                WireOptions.valueOffset(wire, 90))).isEqualTo(Packets.hex(MAC));
    }

    @Test
    void aChangedByteOrAnotherKeyFailsTheMac() throws Exception {
        byte[] wire = Packets.hex(SIGNED_REQUEST);
        wire[wire.length - 1] = 1; // padding after End is covered too
        DhcpMessage m = DhcpCodec.decode(wire);
        assertThat(DelayedAuth.check(m, wire, KEYS, false).reason()).isEqualTo(Reason.MAC);
        KeyFile other = KeyFile.parse("k", "mac 02:00:00:00:0c:41 1 hex:01\n").keys().orElseThrow();
        byte[] good = Packets.hex(SIGNED_REQUEST);
        assertThat(DelayedAuth.check(DhcpCodec.decode(good), good, other, false).reason()).isEqualTo(Reason.MAC);
        KeyFile otherId = KeyFile.parse("k", "mac 02:00:00:00:0c:41 2 hex:00112233445566778899aabbccddeeff\n")
                .keys().orElseThrow();
        assertThat(DelayedAuth.check(DhcpCodec.decode(good), good, otherId, false).reason()).isEqualTo(Reason.KEY_ID);
    }

    @Test
    void classifiesEveryKindOfBadOption() throws Exception {
        DhcpMessage base = DhcpCodec.decode(Packets.hex(SIGNED_REQUEST));
        assertThat(reason(base, "01010000000000000005")).isEqualTo(Reason.MALFORMED);
        assertThat(reason(base, "0201000000000000000005")).isEqualTo(Reason.PROTOCOL);
        assertThat(reason(base, "0102000000000000000005")).isEqualTo(Reason.ALGORITHM);
        assertThat(reason(base, "0101010000000000000005")).isEqualTo(Reason.RDM);
        assertThat(reason(base, "0101000000000000000005")).isEqualTo(Reason.NO_MAC);
        assertThat(reason(base, "010100000000000000000500000001")).isEqualTo(Reason.MALFORMED);
        DhcpMessage stranger = base.toBuilder().chaddr(Packets.hex("020000000c99")).build();
        assertThat(reason(stranger, "0101000000000000000005")).isEqualTo(Reason.UNKNOWN_CLIENT);
        DhcpMessage none = base.toBuilder().withoutOption(90).build();
        assertThat(DelayedAuth.check(none, DhcpCodec.encode(none), KEYS, false).outcome()).isEqualTo(Outcome.NONE);
    }

    @Test
    void aDiscoverAsksWithAnEmptyInformationField() throws Exception {
        DhcpMessage d = DhcpCodec.decode(Packets.hex(SIGNED_REQUEST)).toBuilder().messageType(MessageType.DISCOVER)
                .withoutOption(90).option(DhcpOption.of(90, Packets.hex("0101000000000000000009"))).build();
        Check c = DelayedAuth.check(d, DhcpCodec.encode(d), KEYS, true);
        assertThat(c.outcome()).isEqualTo(Outcome.VALID);
        assertThat(c.macChecked()).isFalse();
        assertThat(c.replay()).isEqualTo(9);
    }

    @Test
    void aSignedReplyVerifiesAsTheEngineEncodesIt() throws Exception {
        DhcpMessage request = DhcpCodec.decode(Packets.hex(SIGNED_REQUEST));
        DhcpMessage reply = request.toBuilder().op(DhcpMessage.BOOTREPLY).messageType(MessageType.ACK)
                .withoutOption(90).option(DhcpOption.ofUint32(51, 600)).build();
        ClientSecret key = KEYS.get("mac:020000000c41").orElseThrow();
        ReplyEncoding enc = ReplyEncoding.forRequest(request);
        DhcpMessage signed = DelayedAuth.sign(reply, key, 77, m -> DhcpCodec.encodeReply(m, enc));
        byte[] wire = DhcpCodec.encodeReply(signed, enc);
        int at = WireOptions.valueOffset(wire, 90);
        Authentication a = Authentication.decode(signed.options().bytes(90).orElseThrow());
        assertThat(a.replayDetection()).isEqualTo(77);
        byte[] mac = new byte[16];
        System.arraycopy(wire, at + DelayedAuth.MAC_OFFSET, mac, 0, 16);
        assertThat(mac).isEqualTo(DelayedAuth.hmac(key.secret(), wire, at)).isNotEqualTo(new byte[16]);
    }

    private static Reason reason(DhcpMessage base, String hex) {
        DhcpMessage m = base.toBuilder().withoutOption(90).option(DhcpOption.of(90, Packets.hex(hex))).build();
        return DelayedAuth.check(m, DhcpCodec.encode(m), KEYS, false).reason();
    }
}
