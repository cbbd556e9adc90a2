package org.leasehold.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded mutation fuzzer over the captured packets: structure-aware mutations of the
 * option area, header, lengths and the overload option. Only DecodeException may escape decoding,
 * and accepted inputs must round-trip (see {@link FuzzChecks}).
 */
class SeededMutationFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("leasehold.fuzz.iterations", 200_000);

    @Test
    void mutatedCapturesOnlyEverFailWithDecodeException() {
        List<byte[]> seeds = Vectors.all().stream().map(Vectors.Vector::bytes).toList();
        Random rnd = new Random(0x1ea5e401dL);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(rnd.nextInt(seeds.size())), seeds, rnd);
            try {
                if (FuzzChecks.checkWithOptionValues(input)) {
                    accepted++;
                } else {
                    rejected++;
                }
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("iteration " + i + " input " + java.util.HexFormat.of().formatHex(input), e);
            }
        }
        assertThat(accepted).as("accepted inputs").isGreaterThan(ITERATIONS / 10);
        assertThat(rejected).as("rejected inputs").isGreaterThan(ITERATIONS / 20);
    }

    static byte[] mutate(byte[] seed, List<byte[]> seeds, Random rnd) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            b = mutateOnce(b, seeds, rnd);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, List<byte[]> seeds, Random rnd) {
        if (b.length == 0) {
            return new byte[] {(byte) rnd.nextInt(256)};
        }
        int optionPos = b.length > 240 ? 240 + rnd.nextInt(b.length - 240) : rnd.nextInt(b.length);
        switch (rnd.nextInt(10)) {
            case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[optionPos] = (byte) rnd.nextInt(256);
            case 2 -> b[optionPos] = (byte) new int[] {0, 1, 52, 53, 81, 82, 119, 120, 121, 125, 255}[rnd.nextInt(11)];
            case 3 -> {
                return Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            }
            case 4 -> {
                return insert(b, optionPos, randomOption(rnd));
            }
            case 5 -> {
                byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                int from = rnd.nextInt(other.length);
                int len = Math.min(rnd.nextInt(64), other.length - from);
                return insert(b, optionPos, Arrays.copyOfRange(other, from, from + len));
            }
            case 6 -> {
                int at = rnd.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                return out;
            }
            case 7 -> {
                return insert(b, optionPos, new byte[] {52, 1, (byte) (rnd.nextInt(4))});
            }
            case 8 -> b[rnd.nextInt(Math.min(b.length, 240))] = (byte) rnd.nextInt(256);
            default -> {
                return insert(b, optionPos, compressedNames(rnd));
            }
        }
        return b;
    }

    private static byte[] randomOption(Random rnd) {
        int len = rnd.nextInt(20);
        byte[] o = new byte[2 + len];
        o[0] = (byte) (1 + rnd.nextInt(254));
        o[1] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : len);
        for (int i = 2; i < o.length; i++) {
            o[i] = (byte) rnd.nextInt(256);
        }
        return o;
    }

    /** An option 119 with random labels and pointers, loops included. */
    private static byte[] compressedNames(Random rnd) {
        int len = 2 + rnd.nextInt(30);
        byte[] v = new byte[len];
        for (int i = 0; i < len; i++) {
            int k = rnd.nextInt(4);
            v[i] = (byte) (k == 0 ? 0xc0 : k == 1 ? rnd.nextInt(len) : k == 2 ? rnd.nextInt(4) : 'a' + rnd.nextInt(26));
        }
        byte[] o = new byte[len + 2];
        o[0] = (byte) (rnd.nextBoolean() ? 119 : 120);
        o[1] = (byte) len;
        System.arraycopy(v, 0, o, 2, len);
        return o;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }
}
