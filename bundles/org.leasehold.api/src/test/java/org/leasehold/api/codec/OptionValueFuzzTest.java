package org.leasehold.api.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;

/**
 * Coverage-guided fuzzing of the typed option decoders and of option formatting: input byte 0 is the
 * option code, the rest (at most 255 bytes) its value. Typed decoders may only fail with
 * {@link DecodeException}; formatting never fails (see {@link FuzzChecks#optionValue}). Fed directly,
 * the value decoders need not wait for the decoder target to build a whole valid packet around a value.
 * Seeds: every option of every captured packet.
 */
class OptionValueFuzzTest {

    @MethodSource("capturedOptions")
    @FuzzTest(maxDuration = "10m")
    void typedValuesOnlyFailWithDecodeException(byte[] data) {
        if (data.length == 0) {
            return;
        }
        FuzzChecks.optionValue(data[0] & 0xff, Arrays.copyOfRange(data, 1, Math.min(data.length, 256)));
    }

    /** Code followed by value, for each distinct option of the captures. */
    static Stream<byte[]> capturedOptions() throws DecodeException {
        Set<String> seen = new LinkedHashSet<>();
        Stream.Builder<byte[]> out = Stream.builder();
        for (Vectors.Vector v : Vectors.all()) {
            DhcpMessage m = DhcpCodec.decode(v.bytes());
            for (DhcpOption o : m.options().all()) {
                byte[] seed = new byte[1 + o.value().length];
                seed[0] = (byte) o.code();
                System.arraycopy(o.value(), 0, seed, 1, o.value().length);
                if (seen.add(java.util.HexFormat.of().formatHex(seed))) {
                    out.add(seed);
                }
            }
        }
        return out.build();
    }
}
