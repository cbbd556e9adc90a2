package org.leasehold.manager.internal;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

/**
 * The filters of {@code fetch}, the same as {@code dhcp:lease-list}'s options: {@code ip} (an address
 * or a prefix), {@code mac}, {@code client-id}, {@code hostname} (a substring, any case), {@code state}
 * (comma-separated), {@code subnet}, {@code space}. Parsed up front, so a typo is an error rather than
 * an empty result. Stateless after construction; the predicate is thread-safe.
 */
final class LeaseFilter {

    static final Set<String> NAMES = Set.of("ip", "mac", "client-id", "hostname", "state", "subnet", "space");
    private static final Pattern QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private LeaseFilter() {
    }

    /** The predicate of the filter arguments among {@code args}; IllegalArgumentException names a bad one. */
    static Predicate<Lease> of(Map<String, String> args) {
        List<Predicate<Lease>> all = new ArrayList<>();
        args.forEach((name, value) -> {
            if (NAMES.contains(name)) {
                all.add(criterion(name, value));
            }
        });
        return l -> {
            for (Predicate<Lease> p : all) {
                if (!p.test(l)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<Lease> criterion(String name, String value) {
        switch (name) {
            case "ip":
                return prefix(value);
            case "mac":
                HardwareAddress hw = mac(value);
                return l -> hw.equals(l.hardware());
            case "client-id":
                ClientKey key = clientId(value);
                return l -> key.equals(l.client());
            case "hostname":
                String part = value.toLowerCase(Locale.ROOT);
                return l -> l.hostname().toLowerCase(Locale.ROOT).contains(part);
            case "state":
                Set<LeaseState> states = states(value);
                return l -> states.contains(l.state());
            case "subnet":
                return l -> l.subnet().equals(value);
            default:
                return l -> l.key().space().equals(value);
        }
    }

    static Set<LeaseState> states(String value) {
        Set<LeaseState> states = EnumSet.noneOf(LeaseState.class);
        for (String s : value.split(",")) {
            try {
                states.add(LeaseState.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown lease state '" + s + "'");
            }
        }
        return states;
    }

    static HardwareAddress mac(String value) {
        try {
            return HardwareAddress.parse(value.trim().replace('-', ':').toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a hardware address: '" + value + "'");
        }
    }

    static ClientKey clientId(String value) {
        try {
            return ClientKey.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a client identifier in hex: '" + value + "'");
        }
    }

    /** Parses dotted-quad text, never looking a name up. */
    static Inet4Address address(String text) {
        java.util.regex.Matcher m = QUAD.matcher(text.trim());
        byte[] b = new byte[4];
        boolean ok = m.matches();
        for (int i = 0; ok && i < 4; i++) {
            int v = Integer.parseInt(m.group(i + 1));
            ok = v <= 255;
            b[i] = (byte) v;
        }
        if (!ok) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        try {
            return (Inet4Address) Inet4Address.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Predicate<Lease> prefix(String text) {
        int slash = text.indexOf('/');
        long base = LeaseKey.of(address(slash < 0 ? text : text.substring(0, slash))).addressValue();
        int bits;
        try {
            bits = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return l -> (l.key().addressValue() & mask) == (base & mask);
    }
}
