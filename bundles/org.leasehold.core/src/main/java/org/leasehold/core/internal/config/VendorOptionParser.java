package org.leasehold.core.internal.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.leasehold.core.internal.value.Bytes;

/**
 * ISC's {@code parse-vendor-option} (common/options.c parse_encapsulated_suboptions): the client's
 * vendor-encapsulated-options (43) read as sub-options of a space, with the space's code and length
 * widths; a code sent twice is concatenated (RFC 3396). Malformed data (a sub-option running past the
 * end) yields nothing, as ISC's parse fails. Stateless.
 */
public final class VendorOptionParser {

    private VendorOptionParser() {
    }

    /** The sub-options of {@code data} by code; empty for malformed data or a space without lengths. */
    public static Map<Long, Bytes> parse(SpaceLayout layout, Bytes data) {
        Map<Long, Bytes> out = new HashMap<>();
        if (layout.lengthWidth() == 0) {
            return out;
        }
        int i = 0;
        int n = data.length();
        while (i < n) {
            if (layout.codeWidth() == 1 && (data.get(i) == 0 || data.get(i) == 255)) {
                // pad and end, in a one-byte-code space as in the DHCP space itself
                if (data.get(i) == 255) {
                    break;
                }
                i++;
                continue;
            }
            if (i + layout.codeWidth() + layout.lengthWidth() > n) {
                return Map.of();
            }
            long code = read(data, i, layout.codeWidth());
            i += layout.codeWidth();
            int len = (int) read(data, i, layout.lengthWidth());
            i += layout.lengthWidth();
            if (i + len > n) {
                return Map.of();
            }
            Bytes value = data.slice(i, i + len);
            out.merge(code, value, Bytes::concat);
            i += len;
        }
        return out;
    }

    /** Sub-option {@code code} of {@code data} in {@code layout}. */
    public static Optional<Bytes> get(SpaceLayout layout, Bytes data, long code) {
        return Optional.ofNullable(parse(layout, data).get(code));
    }

    private static long read(Bytes b, int at, int width) {
        long v = 0;
        for (int k = 0; k < width; k++) {
            v = (v << 8) | b.get(at + k);
        }
        return v;
    }
}
