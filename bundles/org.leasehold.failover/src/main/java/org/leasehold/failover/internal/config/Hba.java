package org.leasehold.failover.internal.config;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hash bucket assignment of RFC 3074: 256 bits, one per hash bucket, bit {@code i} in byte
 * {@code i / 8} at position {@code i % 8} (least significant first, as ISC dhcpd lays it out). A set
 * bit is a bucket the primary serves. Immutable: the bytes are copied in and out.
 */
public final class Hba {

    /** Number of bytes on the wire and in {@code hba} statements. */
    public static final int BYTES = 32;

    private final byte[] bits;

    private Hba(byte[] bits) {
        this.bits = bits;
    }

    /** The HBA of {@code split N}: buckets 0 .. N-1 are the primary's (ISC's reading of split). */
    public static Hba split(int split) {
        if (split < 0 || split > 256) {
            throw new IllegalArgumentException("split must be between 0 and 256, inclusive");
        }
        byte[] b = new byte[BYTES];
        for (int i = 0; i < split; i++) {
            b[i / 8] |= (byte) (1 << (i & 7));
        }
        return new Hba(b);
    }

    /** An HBA from its 32 bytes (a CONNECT's hash-bucket-assignment option). */
    public static Hba of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("an HBA is exactly 32 bytes, not " + bytes.length);
        }
        return new Hba(bytes.clone());
    }

    /** Parses {@code hba ff:ff:...;}: 32 colon-separated hex bytes. */
    public static Hba parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != BYTES) {
            throw new IllegalArgumentException("HBA must be exactly 32 bytes, found " + parts.length);
        }
        byte[] b = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("HBA byte " + (i + 1) + " '" + p + "' is not one or two hex digits");
            }
            try {
                b[i] = (byte) Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("HBA byte " + (i + 1) + " '" + p + "' is not hex", e);
            }
        }
        return new Hba(b);
    }

    /** Whether the primary serves hash bucket {@code bucket} (0..255). */
    public boolean primaryServes(int bucket) {
        return (bits[(bucket >> 3) & 0x1F] & (1 << (bucket & 7))) != 0;
    }

    /** Number of buckets the primary serves. */
    public int primaryBuckets() {
        int n = 0;
        for (byte b : bits) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }

    public byte[] bytes() {
        return bits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hba h && Arrays.equals(bits, h.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    /** The {@code hba} statement form, colon-separated hex. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bits);
    }
}
