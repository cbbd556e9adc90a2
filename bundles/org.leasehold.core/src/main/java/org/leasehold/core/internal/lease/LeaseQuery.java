package org.leasehold.core.internal.lease;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

/**
 * A lease filter as the shell and exports take it; every criterion is optional (null = any). Parses
 * its text arguments up front so a typo fails with a clear message instead of matching nothing.
 * Immutable.
 *
 * @param ip       an address ({@code 198.51.100.10}) or a prefix ({@code 198.51.100.0/24})
 * @param mac      a hardware address, {@code aa:bb:cc:dd:ee:ff} or with '-' separators, any case
 * @param clientId client key bytes in hex, with or without ':'
 * @param hostname a case-insensitive substring of the host name
 * @param states   the states to list; empty = all
 * @param subnet   the subnet, exactly as the lease records it (CIDR)
 * @param space    the address space ({@code ""} = default)
 */
public record LeaseQuery(String ip, String mac, String clientId, String hostname, Set<LeaseState> states,
                         String subnet, String space) {

    /** A page of results and how many matched in all. */
    public record Page(List<Lease> leases, int offset, int total) {
    }

    public LeaseQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(states);
    }

    /** Parses a comma-separated state list ({@code active,expired}); null or blank = all. */
    public static Set<LeaseState> parseStates(String text) {
        Set<LeaseState> states = EnumSet.noneOf(LeaseState.class);
        if (text != null) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    try {
                        states.add(LeaseState.parse(s));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown lease state '" + s.trim() + "'", e);
                    }
                }
            }
        }
        return states;
    }

    /** The filter as a predicate; throws IllegalArgumentException for an unparsable criterion. */
    public Predicate<Lease> predicate() {
        List<Predicate<Lease>> all = new ArrayList<>();
        if (ip != null) {
            all.add(ipPredicate(ip.trim()));
        }
        if (mac != null) {
            HardwareAddress hw = HardwareAddress.parse(mac.trim().replace('-', ':').toLowerCase(Locale.ROOT));
            all.add(l -> l.hardware() != null && Arrays.equals(l.hardware().bytes(), hw.bytes()));
        }
        if (clientId != null) {
            ClientKey key = ClientKey.parse(clientId);
            all.add(l -> key.equals(l.client()));
        }
        if (hostname != null) {
            String part = hostname.toLowerCase(Locale.ROOT);
            all.add(l -> l.hostname().toLowerCase(Locale.ROOT).contains(part));
        }
        if (!states.isEmpty()) {
            all.add(l -> states.contains(l.state()));
        }
        if (subnet != null) {
            all.add(l -> l.subnet().equals(subnet));
        }
        if (space != null) {
            all.add(l -> l.key().space().equals(space));
        }
        return l -> all.stream().allMatch(p -> p.test(l));
    }

    /** The matches among {@code leases}, sorted by key, from {@code offset}, at most {@code limit}. */
    public Page page(Collection<Lease> leases, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        Predicate<Lease> p = predicate();
        List<Lease> matched = LeaseExport.sorted(leases.stream().filter(p).toList());
        int from = Math.min(offset, matched.size());
        int to = (int) Math.min((long) from + limit, matched.size());
        return new Page(List.copyOf(matched.subList(from, to)), from, matched.size());
    }

    private static Predicate<Lease> ipPredicate(String text) {
        int slash = text.indexOf('/');
        long base = LeaseKey.of(parseAddress(slash < 0 ? text : text.substring(0, slash))).addressValue();
        int bits = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return l -> (l.key().addressValue() & mask) == (base & mask);
    }

    /** Parses dotted-quad text without any name lookup. */
    public static Inet4Address parseAddress(String text) {
        String[] parts = text.trim().split("\\.", -1);
        byte[] b = new byte[4];
        boolean ok = parts.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            ok = parts[i].matches("\\d{1,3}") && Integer.parseInt(parts[i]) <= 255;
            b[i] = ok ? (byte) Integer.parseInt(parts[i]) : 0;
        }
        if (!ok) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
