package org.leasehold.nacf.internal.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.leasehold.nacf.A2ProtocolException;
import org.leasehold.nacf.A2Session;

/**
 * Coverage-guided fuzzing of what the NACF reads from a CLF: any bytes, decoded message after message
 * by a session that has requests outstanding (so answers can verify), end either in messages or in
 * {@link A2ProtocolException}, never in another exception, and never loop. Seeds: real frames. A plain
 * test run replays the seeds; {@code benchmarks/fuzz.sh} can fuzz it.
 */
class A2SessionFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void anyBytesDecodeOrFailWithTheProtocolException(byte[] data) {
        A2Session nacf = new LeaseholdA2Codec().open(LeaseholdA2CodecTest.SECRET);
        for (int id = 0; id < 4; id++) {
            nacf.encode(A2Message.request(A2Kind.ATTACH, id, LeaseholdA2CodecTest.BINDING, ""));
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            while (in.hasRemaining()) {
                int before = in.position();
                if (nacf.decode(in).isEmpty()) {
                    break;
                }
                if (in.position() <= before) {
                    throw new AssertionError("decode returned a message without consuming bytes");
                }
            }
        } catch (A2ProtocolException expected) {
            // a hostile or broken CLF: the connection is reset
        }
    }

    static Stream<byte[]> seeds() {
        A2Session clf = new LeaseholdA2Codec().open(LeaseholdA2CodecTest.SECRET);
        A2Session nacf = new LeaseholdA2Codec().open(LeaseholdA2CodecTest.SECRET);
        byte[] attach = nacf.encode(A2Message.request(A2Kind.ATTACH, 0, LeaseholdA2CodecTest.BINDING, ""));
        try {
            A2Message m = clf.decode(ByteBuffer.wrap(attach)).orElseThrow();
            byte[] answer = clf.encode(A2Message.answer(m, 0, m.binding(), ""));
            byte[] pull = clf.encode(A2Message.request(A2Kind.PULL, 1, LeaseholdA2CodecTest.BINDING, ""));
            return Stream.of(answer, pull, new byte[] {7, 0, 0, 20});
        } catch (A2ProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
