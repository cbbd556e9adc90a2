package org.leasehold.api.message;

/** Hex helpers shared by the model's toString methods. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String colon(byte[] b, int off, int len) {
        if (len == 0) {
            return "";
        }
        char[] out = new char[len * 3 - 1];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            int p = i * 3;
            if (i > 0) {
                out[p - 1] = ':';
            }
            out[p] = DIGITS[v >>> 4];
            out[p + 1] = DIGITS[v & 15];
        }
        return new String(out);
    }

    static String plain(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = DIGITS[(b[i] & 0xff) >>> 4];
            out[2 * i + 1] = DIGITS[b[i] & 15];
        }
        return new String(out);
    }

    static byte[] parseColon(String text) {
        String[] parts = text.trim().split(":");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2) {
                throw new IllegalArgumentException("not a colon-separated hex string: " + text);
            }
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }
}
