package org.leasehold.api.option;

import java.nio.charset.StandardCharsets;

/** dhcpd.leases-style rendering helpers. */
final class Formats {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Formats() {
    }

    /** Quoted text when every byte is printable ASCII, else colon-separated hex (ISC "string"). */
    static String string(byte[] b, int off, int len) {
        if (len == 0) {
            return "\"\"";
        }
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return hex(b, off, len);
            }
        }
        return quote(new String(b, off, len, StandardCharsets.US_ASCII));
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = off; i < off + len; i++) {
            if (i > off) {
                sb.append(':');
            }
            sb.append(DIGITS[(b[i] & 0xff) >>> 4]).append(DIGITS[b[i] & 15]);
        }
        return sb.toString();
    }

    /** Double-quoted with C escapes for quote, backslash and non-printable characters. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append('\\').append(String.format("%03o", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String ip(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    /** Strict dotted quad (no name lookup). */
    static byte[] parseIp(String w) {
        String[] parts = w.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + w + "'");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + w + "'");
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + w + "'");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static boolean isIp(String w) {
        try {
            parseIp(w);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static long parseLong(String w, long min, long max) {
        long v;
        try {
            v = w.startsWith("0x") || w.startsWith("0X") ? Long.parseLong(w.substring(2), 16) : Long.parseLong(w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + w + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("integer " + v + " outside " + min + ".." + max);
        }
        return v;
    }
}
