package org.leasehold.failover.internal.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.leasehold.api.codec.DecodeException;

/**
 * Coverage-guided fuzzing of the failover codec with Jazzer, like the DHCP codec's DecodeFuzzTest. In
 * a plain {@code mvn test} it replays the seed corpus in
 * src/test/resources/org/leasehold/failover/internal/wire/FailoverDecodeFuzzTestInputs; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class FailoverDecodeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodeOnlyFailsWithDecodeExceptionAndRoundTrips(byte[] data) {
        FailoverMessage m;
        try {
            m = FailoverCodec.decode(data);
        } catch (DecodeException e) {
            if (e.offset() < 0 || e.offset() > data.length || e.reason() == null) {
                throw new AssertionError("bad offset " + e.offset() + " for " + data.length + " bytes");
            }
            return;
        }
        if (!Arrays.equals(FailoverCodec.encode(m), data)) {
            throw new AssertionError("decode -> encode is not byte-exact");
        }
        try {
            Binding b = Binding.from(m);
            Binding again = Binding.from(FailoverCodec.decode(FailoverCodec.encode(b.toMessage(m.time(), m.xid()))));
            if (!again.equals(b)) {
                throw new AssertionError("binding changed in a round trip: " + b + " -> " + again);
            }
        } catch (DecodeException e) {
            // the one allowed failure of a message that is not a usable binding update
        }
    }
}
