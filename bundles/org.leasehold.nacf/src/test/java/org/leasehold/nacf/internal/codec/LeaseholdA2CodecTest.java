package org.leasehold.nacf.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.leasehold.nacf.A2Binding;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.leasehold.nacf.A2ProtocolException;
import org.leasehold.nacf.A2Session;

class LeaseholdA2CodecTest {

    static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    static final A2Binding BINDING = new A2Binding(ip("198.51.100.100"), "default", "198.51.100.0/24",
            "access-7/port-0", "relay-198.51.100.1", "dsl", HexFormat.ofDelimiter(":").parseHex("02:00:00:00:0c:21"),
            1_790_000_000L, Long.MAX_VALUE);

    private final A2Session nacf = new LeaseholdA2Codec().open(SECRET);
    private final A2Session clf = new LeaseholdA2Codec().open(SECRET);

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static A2Message decodeOne(A2Session s, byte[] frame) throws A2ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(frame);
        A2Message m = s.decode(in).orElseThrow();
        assertThat(in.remaining()).isZero();
        return m;
    }

    @Test
    void attachAndItsAnswerRoundTripWithEveryAttribute() throws Exception {
        A2Message attach = A2Message.request(A2Kind.ATTACH, 7, BINDING, "");
        A2Message atClf = decodeOne(clf, nacf.encode(attach));
        assertThat(atClf).isEqualTo(attach);
        A2Message answer = A2Message.answer(atClf, A2Message.SUCCESS, atClf.binding(), "");
        A2Message atNacf = decodeOne(nacf, clf.encode(answer));
        assertThat(atNacf.kind()).isEqualTo(A2Kind.ATTACH_ANSWER);
        assertThat(atNacf.identifier()).isEqualTo(7);
        assertThat(atNacf.succeeded()).isTrue();
        assertThat(atNacf.binding()).isEqualTo(BINDING);
    }

    @Test
    void headerAndAuthenticatorAreTheDocumentedOnes() throws Exception {
        byte[] frame = nacf.encode(A2Message.request(A2Kind.HEARTBEAT, 0x42, null, ""));
        assertThat(frame).hasSize(20);
        assertThat(frame[0]).isEqualTo((byte) 7);
        assertThat(frame[1]).isEqualTo((byte) 0x42);
        assertThat(((frame[2] & 0xff) << 8) | (frame[3] & 0xff)).isEqualTo(20);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(frame, 0, 4);
        md5.update(new byte[16]);
        md5.update(SECRET);
        byte[] requestAuth = md5.digest();
        assertThat(Arrays.copyOfRange(frame, 4, 20)).isEqualTo(requestAuth);

        decodeOne(clf, frame);
        byte[] answer = clf.encode(new A2Message(A2Kind.HEARTBEAT_ANSWER, 0x42, null, 0, ""));
        // answer: code 8, Result-Code attribute (type 10, length 6, value 0), signed over the request's authenticator
        assertThat(HexFormat.of().formatHex(answer, 0, 4)).isEqualTo("0842001a");
        assertThat(HexFormat.of().formatHex(answer, 20, 26)).isEqualTo("0a0600000000");
        md5.update(answer, 0, 4);
        md5.update(requestAuth);
        md5.update(answer, 20, 6);
        md5.update(SECRET);
        assertThat(Arrays.copyOfRange(answer, 4, 20)).isEqualTo(md5.digest());
    }

    @Test
    void pullAnswersCarryTheBindingOrTheUnknownResult() throws Exception {
        A2Message pull = A2Message.request(A2Kind.PULL, 1, A2Binding.of(ip("198.51.100.9"), "default"), "");
        A2Message atNacf = decodeOne(nacf, clf.encode(pull));
        assertThat(atNacf.binding().address()).isEqualTo(ip("198.51.100.9"));
        A2Message unknown = decodeOne(clf, nacf.encode(A2Message.answer(atNacf, A2Message.UNKNOWN_ADDRESS,
                atNacf.binding(), "no active binding")));
        assertThat(unknown.kind()).isEqualTo(A2Kind.PULL_ANSWER);
        assertThat(unknown.result()).isEqualTo(A2Message.UNKNOWN_ADDRESS);
        assertThat(unknown.reason()).isEqualTo("no active binding");
    }

    @Test
    void anIncompleteFrameWaitsForMoreBytesAndTwoFramesDecodeInOrder() throws Exception {
        byte[] a = nacf.encode(A2Message.request(A2Kind.ATTACH, 1, BINDING, ""));
        byte[] d = nacf.encode(A2Message.request(A2Kind.DETACH, 2, BINDING, "released"));
        byte[] both = new byte[a.length + d.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(d, 0, both, a.length, d.length);
        ByteBuffer in = ByteBuffer.wrap(both, 0, a.length - 1);
        assertThat(clf.decode(in)).isEmpty();
        assertThat(in.position()).isZero();
        in = ByteBuffer.wrap(both);
        assertThat(clf.decode(in).map(A2Message::kind)).contains(A2Kind.ATTACH);
        assertThat(clf.decode(in).map(A2Message::reason)).contains("released");
        assertThat(clf.decode(in)).isEmpty();
    }

    @Test
    void aWrongSecretIsRefused() {
        byte[] frame = new LeaseholdA2Codec().open("other".getBytes(StandardCharsets.UTF_8))
                .encode(A2Message.request(A2Kind.HEARTBEAT, 3, null, ""));
        assertThatThrownBy(() -> clf.decode(ByteBuffer.wrap(frame))).isInstanceOf(A2ProtocolException.class)
                .hasMessageContaining("authenticator");
    }

    @Test
    void anAnswerToNoRequestIsRefused() {
        A2Session other = new LeaseholdA2Codec().open(SECRET);
        byte[] attach = nacf.encode(A2Message.request(A2Kind.ATTACH, 9, BINDING, ""));
        try {
            decodeOne(other, attach);
        } catch (A2ProtocolException e) {
            throw new AssertionError(e);
        }
        byte[] answer = other.encode(A2Message.answer(A2Message.request(A2Kind.ATTACH, 9, BINDING, ""), 0, null, ""));
        answer[1] = 10;     // identifier 10: never sent
        assertThatThrownBy(() -> nacf.decode(ByteBuffer.wrap(answer))).isInstanceOf(A2ProtocolException.class)
                .hasMessageContaining("answers no request");
    }

    @Test
    void badLengthsCodesAndAttributesAreRefusedWithTheirOffset() {
        assertThatThrownBy(() -> clf.decode(ByteBuffer.wrap(new byte[] {99, 0, 0, 20})))
                .isInstanceOf(A2ProtocolException.class).hasMessageContaining("unknown message code 99");
        assertThatThrownBy(() -> clf.decode(ByteBuffer.wrap(new byte[] {1, 0, 0, 19})))
                .hasMessageContaining("length 19");
        assertThatThrownBy(() -> clf.decode(ByteBuffer.wrap(new byte[] {1, 0, (byte) 0xff, (byte) 0xff})))
                .hasMessageContaining("length 65535");
        byte[] attach = nacf.encode(A2Message.request(A2Kind.ATTACH, 4, BINDING, ""));
        attach[21] = (byte) 200;                    // CPE-IP-Address claims 200 bytes
        assertThatThrownBy(() -> clf.decode(ByteBuffer.wrap(attach))).isInstanceOf(A2ProtocolException.class);
    }

    @Test
    void attributesOfALaterRevisionAreSkipped() throws Exception {
        // hand-built attach: CPE-IP-Address plus an unknown attribute 200, signed as the format says
        byte[] attrs = {1, 6, (byte) 198, 51, 100, 5, (byte) 200, 4, 'x', 'y'};
        byte[] frame = new byte[20 + attrs.length];
        frame[0] = 1;
        frame[1] = 5;
        frame[3] = (byte) frame.length;
        System.arraycopy(attrs, 0, frame, 20, attrs.length);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(frame, 0, 4);
        md5.update(new byte[16]);
        md5.update(attrs);
        md5.update(SECRET);
        System.arraycopy(md5.digest(), 0, frame, 4, 16);
        A2Message m = decodeOne(clf, frame);
        assertThat(m.binding().address()).isEqualTo(ip("198.51.100.5"));
    }

    @Test
    void mutatedFramesFailOnlyWithTheProtocolException() {
        Random random = new Random(16);
        A2Message[] samples = {A2Message.request(A2Kind.ATTACH, 1, BINDING, ""),
            A2Message.request(A2Kind.DETACH, 2, BINDING, "expired"), A2Message.request(A2Kind.HEARTBEAT, 3, null, "")};
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            A2Session sender = new LeaseholdA2Codec().open(SECRET);
            byte[] frame = sender.encode(samples[i % samples.length]);
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                frame[random.nextInt(frame.length)] ^= (byte) (1 + random.nextInt(255));
            }
            byte[] input = random.nextBoolean() ? frame : Arrays.copyOf(frame, random.nextInt(frame.length + 8));
            try {
                Optional<A2Message> m = new LeaseholdA2Codec().open(SECRET).decode(ByteBuffer.wrap(input));
                decoded += m.isPresent() ? 1 : 0;
            } catch (A2ProtocolException expected) {
                // the only failure allowed
            }
        }
        // a changed byte almost always breaks the authenticator: very few mutants may pass
        assertThat(decoded).isLessThan(200);
    }

    @Test
    void longTextIsCutAtACharacterBoundary() throws Exception {
        String longId = "é".repeat(200);    // 400 bytes of UTF-8
        A2Binding b = new A2Binding(ip("198.51.100.1"), "", "", longId, "", "", null, 0, 0);
        A2Message m = decodeOne(clf, nacf.encode(A2Message.request(A2Kind.ATTACH, 1, b, "")));
        assertThat(m.binding().circuitId()).isEqualTo("é".repeat(126));
    }
}
