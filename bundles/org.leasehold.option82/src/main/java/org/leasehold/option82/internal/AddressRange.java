package org.leasehold.option82.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An inclusive IPv4 range written as CIDR ({@code 198.51.100.0/24}), a-b, or one address. Immutable. */
record AddressRange(long first, long last) {

    /**
     * @throws IllegalArgumentException when the text is none of the three forms
     */
    static AddressRange parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        int dash = s.indexOf('-');
        if (slash > 0) {
            int bits = Integer.parseInt(s.substring(slash + 1).trim());
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            long base = toLong(s.substring(0, slash));
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            return new AddressRange(base & mask, (base & mask) | (~mask & 0xffffffffL));
        }
        if (dash > 0) {
            return new AddressRange(toLong(s.substring(0, dash)), toLong(s.substring(dash + 1)));
        }
        long one = toLong(s);
        return new AddressRange(one, one);
    }

    boolean contains(Inet4Address a) {
        long v = toLong(a);
        return v >= first && v <= last;
    }

    static long toLong(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    private static long toLong(String dotted) {
        String s = dotted.trim();
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        try {
            return toLong((Inet4Address) InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted, e);
        }
    }
}
