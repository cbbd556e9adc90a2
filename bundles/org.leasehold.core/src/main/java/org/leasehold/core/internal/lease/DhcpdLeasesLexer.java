package org.leasehold.core.internal.lease;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tokens of a dhcpd.leases file: words, quoted strings (decoded to bytes, dhcpd's octal and
 * backslash escapes), the punctuation {@code { } ; = ,} and comments. Not thread-safe.
 */
final class DhcpdLeasesLexer {

    enum Kind { WORD, STRING, PUNCT, COMMENT, EOF }

    /** A token; {@code bytes} is set for strings, {@code text} for the others. */
    record Token(Kind kind, String text, byte[] bytes, int line) {
        boolean is(String s) {
            return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equals(s);
        }
    }

    private final String in;
    private int pos;
    private int line = 1;

    DhcpdLeasesLexer(String in) {
        this.in = in;
    }

    Token next() {
        skipSpace();
        if (pos >= in.length()) {
            return new Token(Kind.EOF, "", null, line);
        }
        char c = in.charAt(pos);
        if (c == '#') {
            int end = in.indexOf('\n', pos);
            end = end < 0 ? in.length() : end;
            String text = in.substring(pos + 1, end).trim();
            pos = end;
            return new Token(Kind.COMMENT, text, null, line);
        }
        if (c == '"') {
            return string();
        }
        if ("{};=,".indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.PUNCT, String.valueOf(c), null, line);
        }
        int start = pos;
        while (pos < in.length() && !Character.isWhitespace(in.charAt(pos)) && "{};=,\"#".indexOf(in.charAt(pos)) < 0) {
            pos++;
        }
        return new Token(Kind.WORD, in.substring(start, pos), null, line);
    }

    private void skipSpace() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            if (in.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
    }

    private Token string() {
        int startLine = line;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pos++;
        while (true) {
            if (pos >= in.length()) {
                throw new IllegalArgumentException("dhcpd.leases line " + startLine + ": unterminated string");
            }
            int c = in.codePointAt(pos);
            pos += Character.charCount(c);
            if (c == '"') {
                return new Token(Kind.STRING, null, out.toByteArray(), startLine);
            }
            if (c == '\n') {
                line++;
            }
            if (c != '\\' || pos >= in.length()) {
                writeCodePoint(out, c);
                continue;
            }
            if (pos + 3 <= in.length() && in.substring(pos, pos + 3).matches("[0-3][0-7][0-7]")) {
                out.write(Integer.parseInt(in.substring(pos, pos + 3), 8));
                pos += 3;
                continue;
            }
            char e = in.charAt(pos++);
            out.write(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> e;
            });
        }
    }

    /** Non-ASCII characters (a UTF-8 host name read as text) go back to their UTF-8 bytes. */
    private static void writeCodePoint(ByteArrayOutputStream out, int c) {
        if (c < 0x80) {
            out.write(c);
        } else {
            out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
        }
    }
}
