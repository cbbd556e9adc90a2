package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tokens of a dhcpd.conf option value: quoted strings (with C escapes), commas and bare words
 * (numbers, addresses, hex strings like {@code 01:02:0a}, names). Not thread-safe; one per parse.
 */
final class ValueLexer {
    private final String text;
    private int pos;

    ValueLexer(String text) {
        this.text = text;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    boolean atEnd() {
        skipSpace();
        return pos >= text.length();
    }

    boolean peekComma() {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == ',';
    }

    boolean peekQuoted() {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == '"';
    }

    /** Consumes a comma if one is next; returns whether it did. */
    boolean comma() {
        if (peekComma()) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * The rest of the value as raw bytes when it is one colon-separated hex string, which ISC lets
     * continue across whitespace after a colon ({@code 01:04: c6:33:64:01}); otherwise null, nothing consumed.
     */
    byte[] restAsColonHex() {
        skipSpace();
        String rest = text.substring(pos).replaceAll(":\\s+", ":").trim();
        if (!rest.contains(":") || !rest.matches("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})*")) {
            return null;
        }
        pos = text.length();
        return hex(rest);
    }

    /** The next bare word; fails on a quoted string, comma or the end. */
    String word(String what) {
        skipSpace();
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ',' || c == '"') {
                break;
            }
            pos++;
        }
        if (start == pos) {
            throw error("expected " + what);
        }
        return text.substring(start, pos);
    }

    /** The next quoted string's bytes (UTF-8, escapes resolved) or a bare word's bytes. */
    byte[] stringOrWord(String what) {
        if (peekQuoted()) {
            return quoted();
        }
        return word(what).getBytes(StandardCharsets.UTF_8);
    }

    /** A quoted string, or a colon-separated hex string, as bytes (ISC "string" syntax). */
    byte[] quotedOrHex(String what) {
        if (peekQuoted()) {
            return quoted();
        }
        String w = word(what);
        return hex(w);
    }

    private byte[] quoted() {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated quoted string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == '\\') {
                escape(out);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
    }

    private void escape(ByteArrayOutputStream out) {
        if (pos >= text.length()) {
            throw error("dangling backslash");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case 'n' -> out.write('\n');
            case 't' -> out.write('\t');
            case 'r' -> out.write('\r');
            case 'x' -> {
                int end = Math.min(text.length(), pos + 2);
                out.write(Integer.parseInt(text.substring(pos, end), 16));
                pos = end;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = pos - 1;
                    while (end < text.length() && end < pos + 2 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                        end++;
                    }
                    out.write(Integer.parseInt(text.substring(pos - 1, end), 8));
                    pos = end;
                } else {
                    out.write(e);
                }
            }
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw error("unexpected text");
        }
    }

    IllegalArgumentException error(String why) {
        return new IllegalArgumentException(why + " at position " + pos + " in option value '" + text + "'");
    }

    static byte[] hex(String w) {
        String[] parts = w.split(":", -1);
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String h = parts[i];
            if (h.isEmpty() || h.length() > 2 || !isHex(h)) {
                throw new IllegalArgumentException("not a quoted string or colon-separated hex bytes: '" + w + "'");
            }
            out[i] = (byte) Integer.parseInt(h, 16);
        }
        return out;
    }

    private static boolean isHex(String h) {
        for (int i = 0; i < h.length(); i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
