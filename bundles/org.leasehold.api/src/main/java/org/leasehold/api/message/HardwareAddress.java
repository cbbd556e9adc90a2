package org.leasehold.api.message;

import java.util.Arrays;

/**
 * A client hardware address: the {@code htype} and the first {@code hlen} bytes of {@code chaddr}.
 * Immutable (the byte array is copied in and out).
 */
public record HardwareAddress(int htype, byte[] bytes) {
    public HardwareAddress {
        bytes = bytes.clone();
    }

    /** Ethernet (htype 1) address from six bytes. */
    public static HardwareAddress ethernet(byte[] mac) {
        return new HardwareAddress(1, mac);
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (htype 1). */
    public static HardwareAddress parse(String text) {
        return new HardwareAddress(1, Hex.parseColon(text));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HardwareAddress h && h.htype == htype && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return htype * 31 + Arrays.hashCode(bytes);
    }

    /** Lower-case colon-separated hex, e.g. {@code 02:00:00:00:0a:01}. */
    @Override
    public String toString() {
        return Hex.colon(bytes, 0, bytes.length);
    }
}
