package org.leasehold.api.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer: only {@link DecodeException} may escape, an
 * accepted input re-encodes byte for byte, lays out anew and answers (see {@link FuzzChecks#check}).
 * In a plain {@code mvn test} it replays the seed corpus (every captured packet) and the findings
 * under src/test/resources/org/leasehold/api/codec/DecodeFuzzTestInputs; {@code benchmarks/fuzz.sh}
 * fuzzes it (docs/fuzzing.md). Typed option values have their own target, {@link OptionValueFuzzTest}.
 */
class DecodeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodeOnlyFailsWithDecodeExceptionAndRoundTrips(byte[] data) {
        FuzzChecks.check(data);
    }
}
