package org.leasehold.core.internal.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, used for match values, subclass keys and client
 * identifiers. {@link #toString()} is colon-separated lower-case hex ("01:0a").
 */
public final class Bytes implements Comparable<Bytes> {

    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    public static Bytes of(String ascii) {
        return new Bytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses ISC colon hex ("1:8:0:2b", one or two digits per octet).
     *
     * @throws IllegalArgumentException when the text is not colon hex
     */
    public static Bytes parseColonHex(String text) {
        String[] parts = text.split(":", -1);
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("not a colon-separated hex string: " + text);
            }
            try {
                out[i] = (byte) Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a colon-separated hex string: " + text, e);
            }
        }
        return new Bytes(out);
    }

    /** Whether {@code text} reads as colon hex with at least one colon. */
    public static boolean looksLikeColonHex(String text) {
        return text.indexOf(':') > 0 && text.matches("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})+");
    }

    public byte[] toArray() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    public int get(int i) {
        return data[i] & 0xff;
    }

    public Bytes slice(int from, int to) {
        return new Bytes(Arrays.copyOfRange(data, from, to));
    }

    public Bytes concat(Bytes other) {
        byte[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        return new Bytes(out);
    }

    public String ascii() {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return HEX.formatHex(data);
    }
}
