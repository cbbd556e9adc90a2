package org.leasehold.auth.internal;

/**
 * Finds an option's value in an encoded DHCP message: the options field, then {@code file} and
 * {@code sname} when option 52 overloads them (RFC 2132 §9.3). The HMAC of RFC 3118 is computed over
 * the message's bytes as they travel, so the signer and the checker work on the wire form.
 */
final class WireOptions {

    private static final int OPTIONS = 240;
    private static final int SNAME = 44;
    private static final int FILE = 108;
    private static final int FILE_END = 236;
    private static final int OVERLOAD = 52;

    private WireOptions() {
    }

    /** The offset of the first instance of {@code code}'s value, or -1 when absent or truncated. */
    static int valueOffset(byte[] p, int code) {
        int[] overload = {0};
        int at = scan(p, OPTIONS, p.length, code, overload);
        if (at >= 0) {
            return at;
        }
        if ((overload[0] & 1) != 0) {
            at = scan(p, FILE, Math.min(FILE_END, p.length), code, overload);
            if (at >= 0) {
                return at;
            }
        }
        if ((overload[0] & 2) != 0) {
            return scan(p, SNAME, Math.min(FILE, p.length), code, overload);
        }
        return -1;
    }

    private static int scan(byte[] p, int from, int to, int code, int[] overload) {
        int i = from;
        while (i < to) {
            int c = p[i] & 0xff;
            if (c == 0) {
                i++;
                continue;
            }
            if (c == 255 || i + 1 >= to) {
                return -1;
            }
            int len = p[i + 1] & 0xff;
            if (i + 2 + len > to) {
                return -1;
            }
            if (c == code) {
                return i + 2;
            }
            if (c == OVERLOAD && len == 1) {
                overload[0] = p[i + 2] & 0xff;
            }
            i += 2 + len;
        }
        return -1;
    }

    /** The length byte of the option whose value starts at {@code valueOffset}. */
    static int length(byte[] p, int valueOffset) {
        return p[valueOffset - 1] & 0xff;
    }
}
