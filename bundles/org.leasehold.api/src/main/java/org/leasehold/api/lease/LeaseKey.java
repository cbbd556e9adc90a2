package org.leasehold.api.lease;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * Identity of a lease: an IPv4 address within an address space. Space {@code ""} is the default
 * space; overlapping pools live in separate spaces (a pool restricted with {@code allow members of}
 * belongs to the space named by its class names sorted and joined with {@code "+"}). Immutable.
 *
 * @param space   address space name, never null ({@code ""} = default)
 * @param address the IPv4 address
 */
public record LeaseKey(String space, Inet4Address address) implements Comparable<LeaseKey> {

    /** The default address space. */
    public static final String DEFAULT_SPACE = "";

    public LeaseKey {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(address, "address");
    }

    /** A key in the default space. */
    public static LeaseKey of(Inet4Address address) {
        return new LeaseKey(DEFAULT_SPACE, address);
    }

    /** The address as an unsigned 32-bit number, for ordering and range arithmetic. */
    public long addressValue() {
        byte[] b = address.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    /** Orders by space, then numerically by address. */
    @Override
    public int compareTo(LeaseKey other) {
        int c = space.compareTo(other.space);
        return c != 0 ? c : Long.compare(addressValue(), other.addressValue());
    }

    @Override
    public String toString() {
        return space.isEmpty() ? address.getHostAddress() : space + "/" + address.getHostAddress();
    }
}
