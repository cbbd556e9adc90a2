package org.leasehold.leasequery.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The relays allowed to send DHCPLEASEQUERY: IPv4 addresses and CIDR prefixes. Immutable;
 * thread-safe.
 */
final class RelayAcl {

    private record Prefix(int network, int mask, String text) {
        boolean contains(int address) {
            return (address & mask) == network;
        }
    }

    private final List<Prefix> prefixes;

    private RelayAcl(List<Prefix> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Parses entries such as {@code 198.51.100.1} or {@code 198.18.0.0/24}; each array element may hold
     * several separated by commas or blanks.
     *
     * @throws IllegalArgumentException naming the entry that is not an IPv4 address or prefix
     */
    static RelayAcl parse(String[] entries) {
        List<Prefix> out = new ArrayList<>();
        for (String element : entries == null ? new String[0] : entries) {
            for (String entry : element.split("[,\\s]+")) {
                if (!entry.isBlank()) {
                    out.add(prefix(entry.trim()));
                }
            }
        }
        return new RelayAcl(out);
    }

    private static Prefix prefix(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        int bits;
        try {
            bits = slash < 0 ? 32 : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("relays: '" + entry + "' has no prefix length 0-32");
        }
        if (bits < 0 || bits > 32 || !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("relays: '" + entry + "' is not an IPv4 address or prefix");
        }
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return new Prefix(toInt(address(address, entry)) & mask, mask, entry);
    }

    private static Inet4Address address(String text, String entry) {
        try {
            if (InetAddress.getByName(text) instanceof Inet4Address a) {
                return a;
            }
        } catch (UnknownHostException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("relays: '" + entry + "' is not an IPv4 address or prefix");
    }

    /** Whether an entry contains {@code address} (as {@link #toInt}). */
    boolean allowsInt(int address) {
        for (Prefix p : prefixes) {
            if (p.contains(address)) {
                return true;
            }
        }
        return false;
    }

    static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    boolean allows(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        return allowsInt(toInt(a));
    }

    boolean isEmpty() {
        return prefixes.isEmpty();
    }

    @Override
    public String toString() {
        return prefixes.stream().map(Prefix::text).toList().toString();
    }
}
