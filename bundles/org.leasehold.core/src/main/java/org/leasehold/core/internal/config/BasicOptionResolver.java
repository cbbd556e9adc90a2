package org.leasehold.core.internal.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.leasehold.core.internal.expr.Bytes;
import org.leasehold.core.internal.expr.OptionRef;

/**
 * A small stand-in option table (the common RFC 2132 options, option 82 sub-options, generic
 * "option-N") with the simple ISC types. Immutable; {@link #define} copies.
 */
public final class BasicOptionResolver implements OptionResolver {

    private record Def(OptionRef ref, String type) {
    }

    private static final String[][] STANDARD = {
        {"subnet-mask", "1", "ip-address"}, {"time-offset", "2", "signed integer 32"},
        {"routers", "3", "array of ip-address"}, {"domain-name-servers", "6", "array of ip-address"},
        {"host-name", "12", "text"}, {"domain-name", "15", "text"}, {"root-path", "17", "text"},
        {"broadcast-address", "28", "ip-address"}, {"ntp-servers", "42", "array of ip-address"},
        {"netbios-name-servers", "44", "array of ip-address"}, {"dhcp-requested-address", "50", "ip-address"},
        {"dhcp-lease-time", "51", "unsigned integer 32"}, {"dhcp-message-type", "53", "unsigned integer 8"},
        {"dhcp-server-identifier", "54", "ip-address"}, {"dhcp-parameter-request-list", "55", "array of unsigned integer 8"},
        {"vendor-class-identifier", "60", "string"}, {"dhcp-vendor-identifier", "60", "string"},
        {"dhcp-client-identifier", "61", "string"}, {"tftp-server-name", "66", "text"},
        {"bootfile-name", "67", "text"}, {"user-class", "77", "string"}, {"relay-agent-information", "82", "string"},
        {"domain-search", "119", "text"}, {"subnet-selection", "118", "ip-address"},
        {"vendor-encapsulated-options", "43", "string"}, {"interface-mtu", "26", "unsigned integer 16"},
    };
    private static final String[][] AGENT = {
        {"circuit-id", "1"}, {"remote-id", "2"}, {"link-selection", "5"}, {"subscriber-id", "6"},
    };

    private final Map<String, Def> byName;

    private BasicOptionResolver(Map<String, Def> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static BasicOptionResolver standard() {
        Map<String, Def> m = new HashMap<>();
        for (String[] s : STANDARD) {
            m.put(s[0], new Def(new OptionRef("dhcp", Integer.parseInt(s[1]), s[0]), s[2]));
        }
        for (String[] s : AGENT) {
            String type = s[0].equals("link-selection") ? "ip-address" : "string";
            m.put("agent." + s[0], new Def(new OptionRef("agent", Integer.parseInt(s[1]), "agent." + s[0]), type));
        }
        return new BasicOptionResolver(m);
    }

    @Override
    public Optional<OptionRef> lookup(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Def d = byName.get(n);
        if (d == null && n.matches("option-\\d{1,3}") && Integer.parseInt(n.substring(7)) < 255) {
            return Optional.of(new OptionRef("dhcp", Integer.parseInt(n.substring(7)), n));
        }
        return Optional.ofNullable(d).map(Def::ref);
    }

    @Override
    public boolean carriesAddresses(OptionRef option) {
        return type(option).contains("ip-address");
    }

    @Override
    public Bytes encode(OptionRef option, String text) {
        String type = type(option);
        String t = text.trim();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String element = type.startsWith("array of ") ? type.substring(9) : type;
        String[] items = type.startsWith("array of ") ? t.split("\\s*,\\s*") : new String[] {t};
        for (String item : items) {
            byte[] b = encodeOne(element, item);
            out.write(b, 0, b.length);
        }
        return Bytes.of(out.toByteArray());
    }

    private String type(OptionRef option) {
        Def d = byName.get(option.name());
        return d == null ? "string" : d.type();
    }

    private static byte[] encodeOne(String type, String item) {
        switch (type) {
            case "ip-address": return Ipv4.of(Ipv4.parse(item)).getAddress();
            case "text": return unquote(item).getBytes(StandardCharsets.UTF_8);
            case "string":
                return item.startsWith("\"") ? unquote(item).getBytes(StandardCharsets.ISO_8859_1)
                        : Bytes.parseColonHex(item).toArray();
            case "boolean": return new byte[] {(byte) (item.matches("(?i)true|on|1") ? 1 : 0)};
            default: return integer(type, item);
        }
    }

    private static byte[] integer(String type, String item) {
        int bits;
        if (type.endsWith(" 8")) {
            bits = 8;
        } else if (type.endsWith(" 16")) {
            bits = 16;
        } else if (type.endsWith(" 32")) {
            bits = 32;
        } else {
            throw new IllegalArgumentException("unsupported option type: " + type);
        }
        long v;
        try {
            v = Long.parseLong(item);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, found " + item, e);
        }
        byte[] out = new byte[bits / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (v >>> (8 * (out.length - 1 - i)));
        }
        return out;
    }

    private static String unquote(String item) {
        if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"")) {
            return item.substring(1, item.length() - 1);
        }
        throw new IllegalArgumentException("expected a quoted string, found " + item);
    }

    @Override
    public OptionResolver define(String space, String name, int code, String type) {
        Map<String, Def> m = new HashMap<>(byName);
        String full = space.equals("dhcp") ? name : space + "." + name;
        m.put(full.toLowerCase(Locale.ROOT), new Def(new OptionRef(space, code, full), type.trim()));
        return new BasicOptionResolver(m);
    }
}
