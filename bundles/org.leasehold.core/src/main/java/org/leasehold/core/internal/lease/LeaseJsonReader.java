package org.leasehold.core.internal.lease;

import java.net.Inet4Address;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

/**
 * Reads what {@link LeaseJson#writeArray} writes back into leases: a JSON array of lease objects (keys as
 * documented there; unknown keys are ignored, {@code startEpochSecond}/{@code endEpochSecond} win over
 * {@code starts}/{@code ends}). A general JSON reader in the small: objects, arrays, strings, numbers,
 * booleans, null. Errors throw IllegalArgumentException starting {@code line N:}. Not thread-safe; one
 * instance per text.
 */
public final class LeaseJsonReader {

    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    private final String text;
    private int pos;
    private int line = 1;

    private LeaseJsonReader(String text) {
        this.text = text;
    }

    /** The leases of a JSON array, in array order (a later lease of the same key replaces an earlier one when stored). */
    public static List<Lease> parse(String text) {
        return new LeaseJsonReader(text).leases();
    }

    private List<Lease> leases() {
        skip();
        expect('[');
        List<Lease> out = new ArrayList<>();
        skip();
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                skip();
                int at = line;
                Object v = value();
                if (!(v instanceof Map<?, ?> m)) {
                    throw error(at, "expected a lease object");
                }
                try {
                    out.add(lease(m));
                } catch (IllegalArgumentException | DateTimeParseException | ClassCastException e) {
                    throw error(at, e.getMessage());
                }
                skip();
                char c = next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw error(line, "expected ',' or ']' after a lease");
                }
            }
        }
        skip();
        if (pos < text.length()) {
            throw error(line, "unexpected text after the array");
        }
        return out;
    }

    private static Lease lease(Map<?, ?> m) {
        Object address = m.get("address");
        if (!(address instanceof String a)) {
            throw new IllegalArgumentException("a lease needs an \"address\"");
        }
        Inet4Address ip = LeaseQuery.parseAddress(a);
        String space = m.get("space") instanceof String s ? s : LeaseKey.DEFAULT_SPACE;
        Lease.Builder b = Lease.builder(new LeaseKey(space, ip));
        if (m.get("state") instanceof String st) {
            try {
                b.state(LeaseState.parse(st));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown binding state '" + st + "'", e);
            }
        } else {
            throw new IllegalArgumentException("lease " + a + " needs a \"state\"");
        }
        if (m.get("clientId") instanceof String c) {
            b.client(ClientKey.parse(c));
        }
        if (m.get("hardware") instanceof String h) {
            int htype = m.get("htype") instanceof Number n ? n.intValue() : 1;
            b.hardware(new HardwareAddress(htype, HEX.parseHex(h)));
        }
        b.start(time(m, "startEpochSecond", "starts", 0));
        b.end(time(m, "endEpochSecond", "ends", Lease.NEVER));
        b.hostname(m.get("hostname") instanceof String s ? s : "");
        b.subnet(m.get("subnet") instanceof String s ? s : "");
        b.pool(m.get("pool") instanceof String s ? s : "");
        if (m.get("relayAgentInfo") instanceof String r) {
            b.relayAgentInfo(HEX.parseHex(r));
        }
        if (m.get("classes") instanceof List<?> cl) {
            Set<String> classes = new LinkedHashSet<>();
            cl.forEach(c -> classes.add((String) c));
            b.classes(classes);
        }
        b.bootp(Boolean.TRUE.equals(m.get("bootp")));
        if (m.get("variables") instanceof Map<?, ?> vars) {
            Map<String, String> v = new LinkedHashMap<>();
            vars.forEach((k, val) -> v.put((String) k, (String) val));
            b.variables(v);
        }
        return b.build();
    }

    /** The epoch-second field, else the ISO instant field, else {@code absent} (a null end: never). */
    private static long time(Map<?, ?> m, String epochKey, String isoKey, long absent) {
        if (m.get(epochKey) instanceof Number n) {
            return n.longValue();
        }
        if (m.get(isoKey) instanceof String s) {
            return Instant.parse(s).getEpochSecond();
        }
        return absent;
    }

    private Object value() {
        skip();
        char c = peek();
        switch (c) {
            case '{' -> {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                skip();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                while (true) {
                    skip();
                    if (peek() != '"') {
                        throw error(line, "expected a quoted key");
                    }
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                    char d = next();
                    if (d == '}') {
                        return m;
                    }
                    if (d != ',') {
                        throw error(line, "expected ',' or '}' in an object");
                    }
                }
            }
            case '[' -> {
                pos++;
                List<Object> l = new ArrayList<>();
                skip();
                if (peek() == ']') {
                    pos++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    char d = next();
                    if (d == ']') {
                        return l;
                    }
                    if (d != ',') {
                        throw error(line, "expected ',' or ']' in an array");
                    }
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                return literal();
            }
        }
    }

    private Object literal() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eEtrufalsn".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String w = text.substring(start, pos);
        switch (w) {
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            case "null" -> {
                return null;
            }
            default -> {
                try {
                    return w.contains(".") || w.contains("e") || w.contains("E") ? (Object) Double.parseDouble(w)
                            : (Object) Long.parseLong(w);
                } catch (NumberFormatException e) {
                    throw error(line, w.isEmpty() ? "expected a value" : "expected a value, found '" + w + "'");
                }
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error(line, "string not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\n') {
                throw error(line, "line break in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error(line, "bad \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error(line, "bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error(line, "bad escape \\" + e);
            }
        }
    }

    private void skip() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error(line, "unexpected end of the file");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error(line, "expected '" + c + "'");
        }
    }

    private static IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException("line " + line + ": " + message);
    }
}
