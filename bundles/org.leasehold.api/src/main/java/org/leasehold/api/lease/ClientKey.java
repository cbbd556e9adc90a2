package org.leasehold.api.lease;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who a lease belongs to: the client identifier (option 61) bytes when the client sent one, else the
 * hardware type byte followed by the hardware address. Immutable: the bytes are copied in and out;
 * equality and hash are over the content.
 *
 * @param bytes the identifying bytes (at least one)
 */
public record ClientKey(byte[] bytes) {

    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    public ClientKey {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("client key must not be empty");
        }
        bytes = bytes.clone();
    }

    /** A key from option 61 bytes. */
    public static ClientKey ofClientId(byte[] clientId) {
        return new ClientKey(clientId);
    }

    /** A key from the hardware type and hardware address, used when the client sent no option 61. */
    public static ClientKey ofHardware(int htype, byte[] hardwareAddress) {
        byte[] b = new byte[hardwareAddress.length + 1];
        b[0] = (byte) htype;
        System.arraycopy(hardwareAddress, 0, b, 1, hardwareAddress.length);
        return new ClientKey(b);
    }

    /** Parses the {@link #toString()} form: hex bytes, with or without ':' separators. */
    public static ClientKey parse(String hex) {
        String digits = hex.trim().replace(":", "").replace("-", "");
        return new ClientKey(HexFormat.of().parseHex(digits));
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bytes, without copying. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientKey other && Arrays.equals(bytes, other.bytes);
    }

    /**
     * FNV-1a over the bytes. Not {@link Arrays#hashCode(byte[])}: client keys of one vendor differ only
     * in their last few bytes, which that polynomial maps onto a few thousand values, and a million
     * clients then share hash buckets.
     */
    @Override
    public int hashCode() {
        int h = 0x811C9DC5;
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    /** Colon-separated lower-case hex, e.g. {@code 01:aa:bb:cc:dd:ee:ff}. */
    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }
}
