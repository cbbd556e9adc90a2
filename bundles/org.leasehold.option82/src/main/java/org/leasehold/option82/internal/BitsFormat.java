package org.leasehold.option82.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.option82.Option82Parser;

/**
 * Built-in input format {@code bits LAYOUT}: the sub-option as a bit stream cut into fields, most
 * significant bit first. LAYOUT is a space-separated list of {@code name:bits[:render][=constant]}:
 * render is {@code dec} (default), {@code hex}, {@code mac} or {@code ip}; a {@code =constant}
 * (decimal or 0x hex) must match or the value is not in this format; names starting with '_' are
 * checked but not output. The value must be exactly as long as the layout. Example, the Cisco
 * vlan-mod-port circuit-id: {@code _type:8=0 _len:8=4 vlan:16 module:8 port:8}. Immutable.
 */
final class BitsFormat implements Option82Parser {

    private record Field(String name, int bits, String render, Long constant) {
    }

    private final List<Field> fields;
    private final int totalBits;

    private BitsFormat(List<Field> fields, int totalBits) {
        this.fields = fields;
        this.totalBits = totalBits;
    }

    /**
     * @throws IllegalArgumentException naming the bad token
     */
    static BitsFormat of(String layout) {
        if (layout == null || layout.isBlank()) {
            throw new IllegalArgumentException("bits format needs a layout like 'vlan:16 port:8'");
        }
        List<Field> out = new ArrayList<>();
        int total = 0;
        for (String token : layout.trim().split("\\s+")) {
            Field f = field(token);
            out.add(f);
            total += f.bits();
        }
        if (total % 8 != 0) {
            throw new IllegalArgumentException("bits layout covers " + total + " bits, not whole bytes: " + layout);
        }
        return new BitsFormat(List.copyOf(out), total);
    }

    private static Field field(String token) {
        String spec = token;
        Long constant = null;
        int eq = spec.indexOf('=');
        if (eq >= 0) {
            constant = parseNumber(spec.substring(eq + 1), token);
            spec = spec.substring(0, eq);
        }
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("bits field '" + token + "' is not name:bits[:render][=constant]");
        }
        int bits = parseNumber(parts[1], token).intValue();
        String render = parts.length == 3 ? parts[2] : "dec";
        if (bits < 1 || bits > 128 || !List.of("dec", "hex", "mac", "ip").contains(render)
                || (bits > 64 && render.equals("dec")) || (constant != null && bits > 64)) {
            throw new IllegalArgumentException("bits field '" + token + "': 1..64 bits for dec, up to 128 for hex");
        }
        return new Field(parts[0], bits, render, constant);
    }

    private static Long parseNumber(String s, String token) {
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bits field '" + token + "': '" + s + "' is not a number", e);
        }
    }

    @Override
    public String format() {
        return "bits";
    }

    @Override
    public Optional<Map<String, String>> parse(byte[] value) {
        if (value.length * 8 != totalBits) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        int pos = 0;
        for (Field f : fields) {
            byte[] raw = bits(value, pos, f.bits());
            pos += f.bits();
            if (f.constant() != null && toLong(raw) != f.constant()) {
                return Optional.empty();
            }
            if (!f.name().startsWith("_")) {
                out.put(f.name(), render(raw, f));
            }
        }
        return Optional.of(out);
    }

    /** The {@code count} bits at bit offset {@code from}, right-aligned in whole bytes. */
    private static byte[] bits(byte[] value, int from, int count) {
        byte[] out = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            int src = from + i;
            int bit = (value[src / 8] >> (7 - src % 8)) & 1;
            int dst = out.length * 8 - count + i;
            out[dst / 8] |= (byte) (bit << (7 - dst % 8));
        }
        return out;
    }

    private static long toLong(byte[] raw) {
        long v = 0;
        for (byte b : raw) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    private static String render(byte[] raw, Field f) {
        switch (f.render()) {
            case "hex":
                return HexFormat.of().formatHex(raw);
            case "mac":
                return HexFormat.ofDelimiter(":").formatHex(raw);
            case "ip":
                StringBuilder sb = new StringBuilder();
                for (byte b : raw) {
                    sb.append(sb.length() == 0 ? "" : ".").append(b & 0xff);
                }
                return sb.toString();
            default:
                return Long.toUnsignedString(toLong(raw));
        }
    }
}
