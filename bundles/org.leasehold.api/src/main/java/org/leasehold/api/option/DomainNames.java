package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leasehold.api.codec.DecodeException;

/**
 * DNS names in RFC 1035 wire form as DHCP options carry them: option 119 (RFC 3397, with
 * compression pointers relative to the start of the concatenated option value), 120 (RFC 3361),
 * 81 (RFC 4702, possibly partial names without the root label). Decoding follows pointers only
 * backwards past everything read so far, so pointer loops are rejected. Stateless, thread-safe.
 */
public final class DomainNames {
    private static final int MAX_NAME = 255;

    private DomainNames() {
    }

    /** Encodes names, fully qualified, with RFC 1035 §4.1.4 compression when {@code compress}. */
    public static byte[] encode(List<String> names, boolean compress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> seen = new HashMap<>();
        for (String name : names) {
            writeName(name, out, compress ? seen : null);
        }
        return out.toByteArray();
    }

    /** One name, uncompressed; with the root label unless {@code partial}. */
    public static byte[] encodeName(String name, boolean partial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> labels = labels(name);
        for (String label : labels) {
            writeLabel(label, out);
        }
        if (!partial) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void writeName(String name, ByteArrayOutputStream out, Map<String, Integer> seen) {
        List<String> labels = labels(name);
        for (int i = 0; i < labels.size(); i++) {
            String suffix = String.join(".", labels.subList(i, labels.size()));
            if (seen != null) {
                Integer at = seen.get(suffix);
                if (at != null) {
                    out.write(0xc0 | at >>> 8);
                    out.write(at & 0xff);
                    return;
                }
                if (out.size() < 0x3fff) {
                    seen.put(suffix, out.size());
                }
            }
            writeLabel(labels.get(i), out);
        }
        out.write(0);
    }

    private static void writeLabel(String label, ByteArrayOutputStream out) {
        byte[] b = label.getBytes(StandardCharsets.US_ASCII);
        out.write(b.length);
        out.write(b, 0, b.length);
    }

    /** Splits a textual name into labels, checking RFC 1035 limits (63 per label, 255 in all). */
    static List<String> labels(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> labels = new ArrayList<>();
        if (n.isEmpty()) {
            return labels;
        }
        int total = 1;
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new IllegalArgumentException("bad label in domain name '" + name + "'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c <= ' ' || c > '~') {
                    throw new IllegalArgumentException("non-printable character in domain name '" + name + "'");
                }
            }
            total += label.length() + 1;
            labels.add(label);
        }
        if (total > MAX_NAME) {
            throw new IllegalArgumentException("domain name longer than 255 bytes: " + name);
        }
        return labels;
    }

    /** Decodes a list of names filling the whole value (RFC 3397), following pointers. */
    public static List<String> decodeList(byte[] value) throws DecodeException {
        List<String> names = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < value.length) {
            names.add(readName(value, pos, false));
        }
        return names;
    }

    /**
     * Reads one name at {@code pos[0]} and advances it past the name. With {@code allowPartial} a
     * name may stop at the end of the data without a root label (RFC 4702 partial name, returned
     * without a trailing dot) and a fully qualified name is returned with a trailing dot; without
     * it names are returned without a trailing dot.
     */
    static String readName(byte[] b, int[] pos, boolean allowPartial) throws DecodeException {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        int segmentStart = p;
        int resume = -1;
        int total = 1;
        while (true) {
            if (p >= b.length) {
                if (allowPartial && resume < 0) {
                    pos[0] = p;
                    return sb.toString();
                }
                throw new DecodeException(p, "domain name runs past the end of the option");
            }
            int len = b[p] & 0xff;
            if (len == 0) {
                pos[0] = resume >= 0 ? resume : p + 1;
                return allowPartial ? sb.append('.').toString() : sb.toString();
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= b.length) {
                    throw new DecodeException(p, "truncated compression pointer");
                }
                int target = (len & 0x3f) << 8 | (b[p + 1] & 0xff);
                if (target >= segmentStart) {
                    throw new DecodeException(p, "compression pointer to " + target + " does not point backwards (loop)");
                }
                if (resume < 0) {
                    resume = p + 2;
                }
                p = target;
                segmentStart = target;
                continue;
            }
            if ((len & 0xc0) != 0) {
                throw new DecodeException(p, "unsupported label type 0x" + Integer.toHexString(len & 0xc0));
            }
            if (p + 1 + len > b.length) {
                throw new DecodeException(p, "label overruns the option");
            }
            total += len + 1;
            if (total > MAX_NAME) {
                throw new DecodeException(p, "domain name longer than 255 bytes");
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            appendLabel(b, p + 1, len, sb);
            p += 1 + len;
        }
    }

    private static void appendLabel(byte[] b, int off, int len, StringBuilder sb) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '.' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c <= ' ' || c > '~') {
                sb.append('\\').append(String.format("%03d", c));
            } else {
                sb.append((char) c);
            }
        }
    }
}
