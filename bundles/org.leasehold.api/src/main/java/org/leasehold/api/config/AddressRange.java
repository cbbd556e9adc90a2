package org.leasehold.api.config;

import java.net.Inet4Address;
import java.util.Objects;

/** An inclusive IPv4 range of a pool ({@code range FIRST LAST;}). Immutable. */
public record AddressRange(Inet4Address first, Inet4Address last) {

    public AddressRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /** The address as an unsigned 32-bit number. */
    public static long value(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    public long size() {
        return value(last) - value(first) + 1;
    }

    public boolean contains(Inet4Address a) {
        long v = value(a);
        return v >= value(first) && v <= value(last);
    }

    @Override
    public String toString() {
        return first.getHostAddress() + "-" + last.getHostAddress();
    }
}
