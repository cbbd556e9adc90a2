package org.leasehold.api.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer. In a plain {@code mvn test} it replays the
 * seed corpus under src/test/resources/org/leasehold/api/codec/DecodeFuzzTestInputs; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see benchmarks/README.md for the command).
 */
class DecodeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodeOnlyFailsWithDecodeExceptionAndRoundTrips(byte[] data) {
        FuzzChecks.check(data);
    }
}
