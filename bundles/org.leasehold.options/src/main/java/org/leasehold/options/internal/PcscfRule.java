package org.leasehold.options.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.config.IndexedProperties;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.message.SubOption;
import org.leasehold.api.option.SipServers;

/**
 * One P-CSCF rule: conditions on the client's address, the relay and its sub-options, and the
 * encoded option 120 value to answer with. Immutable.
 */
record PcscfRule(String name, long[] source, long[] giaddr, byte[] circuitIdPrefix, byte[] remoteIdPrefix,
        byte[] option120) {


    boolean matches(Inet4Address client, Inet4Address relay, Optional<RelayAgentInformation> info) {
        return in(source, client) && in(giaddr, relay) && prefixed(circuitIdPrefix, info, 1)
                && prefixed(remoteIdPrefix, info, 2);
    }

    private static boolean in(long[] range, Inet4Address a) {
        if (range == null) {
            return true;
        }
        long v = toLong(a);
        return v >= range[0] && v <= range[1];
    }

    private static boolean prefixed(byte[] prefix, Optional<RelayAgentInformation> info, int code) {
        if (prefix == null) {
            return true;
        }
        byte[] v = info.flatMap(i -> i.get(code)).map(SubOption::bytes).orElse(null);
        return v != null && v.length >= prefix.length
                && Arrays.equals(v, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Reads every {@code rule.<n>.*} key.
     *
     * @throws IllegalArgumentException naming the PID and key of the first bad entry
     */
    static List<PcscfRule> parse(Map<String, ?> props) {
        List<PcscfRule> rules = new ArrayList<>();
        IndexedProperties.group(props, "rule").forEach((n, keys) -> rules.add(rule(n, keys)));
        return List.copyOf(rules);
    }

    private static PcscfRule rule(int n, Map<String, String> keys) {
        String at = PcscfConfig.PID + " rule." + n + ".";
        for (String k : keys.keySet()) {
            if (!List.of("name", "servers", "source", "giaddr", "circuit-id", "remote-id").contains(k)) {
                throw new IllegalArgumentException(at + k + ": unknown key");
            }
        }
        if (!keys.containsKey("servers")) {
            throw new IllegalArgumentException(at + "servers: missing (e.g. pcscf1.example.org, pcscf2.example.org)");
        }
        try {
            return new PcscfRule(keys.getOrDefault("name", "rule" + n), range(keys.get("source"), at + "source"),
                    range(keys.get("giaddr"), at + "giaddr"), prefix(keys.get("circuit-id"), at + "circuit-id"),
                    prefix(keys.get("remote-id"), at + "remote-id"), servers(keys.get("servers"), at + "servers"));
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException(at + ": " + e, e);
        }
    }

    /** Option 120 value: all addresses (encoding 1) or all domain names (encoding 0). */
    static byte[] servers(String text, String where) {
        List<String> items = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                items.add(s.trim());
            }
        }
        long addresses = items.stream().filter(PcscfRule::isAddress).count();
        if (items.isEmpty() || (addresses != 0 && addresses != items.size())) {
            throw new IllegalArgumentException(where + ": list domain names or IPv4 addresses, not both: " + text);
        }
        if (addresses > 0) {
            return SipServers.ofAddresses(items.stream().map(PcscfRule::address).toList()).encode();
        }
        for (String name : items) {
            if (!name.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?")) {
                throw new IllegalArgumentException(where + ": '" + name + "' is not a domain name");
            }
        }
        return SipServers.ofNames(items).encode();
    }

    private static long[] range(String text, String where) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (slash > 0) {
            int bits = Integer.parseInt(text.substring(slash + 1).trim());
            long base = toLong(parseAddress(text.substring(0, slash), where));
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            return new long[] {base & mask, (base & mask) | (~mask & 0xffffffffL)};
        }
        if (dash > 0) {
            return new long[] {toLong(parseAddress(text.substring(0, dash), where)),
                toLong(parseAddress(text.substring(dash + 1), where))};
        }
        long one = toLong(parseAddress(text, where));
        return new long[] {one, one};
    }

    private static byte[] prefix(String text, String where) {
        if (text == null) {
            return null;
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).getBytes(StandardCharsets.ISO_8859_1);
        }
        try {
            return HexFormat.of().parseHex(text.replaceFirst("^0[xX]", "").replace(":", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is neither hex nor \"quoted text\"", e);
        }
    }

    private static boolean isAddress(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static Inet4Address address(String s) {
        return parseAddress(s, "address");
    }

    private static Inet4Address parseAddress(String s, String where) {
        if (!isAddress(s.trim())) {
            throw new IllegalArgumentException(where + ": '" + s + "' is not an IPv4 address");
        }
        try {
            return (Inet4Address) InetAddress.getByName(s.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(where + ": '" + s + "' is not an IPv4 address", e);
        }
    }

    static long toLong(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }
}
