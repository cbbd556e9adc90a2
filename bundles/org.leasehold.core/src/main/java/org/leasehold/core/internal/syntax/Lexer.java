package org.leasehold.core.internal.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits dhcpd.conf text into tokens. Words run over letters, digits and {@code _ - . :} so that
 * addresses ({@code 10.0.0.1}), hex strings ({@code 01:02:0a}) and option names
 * ({@code agent.circuit-id}) are single tokens, as they read. Not thread-safe; one per file.
 */
public final class Lexer {

    private final String file;
    private final String text;
    private int offset;
    private int line = 1;
    private int column = 1;

    public Lexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** All tokens of the text, ending with one {@link Token.Kind#EOF}. */
    public List<Token> tokens() throws ConfigException {
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = next();
            out.add(t);
        } while (t.kind() != Token.Kind.EOF);
        return out;
    }

    private Token next() throws ConfigException {
        skipBlankAndComments();
        SourcePos pos = pos();
        int start = offset;
        if (offset >= text.length()) {
            return new Token(Token.Kind.EOF, "", pos, start, start);
        }
        char c = text.charAt(offset);
        if (c == '"') {
            return string(pos, start);
        }
        if (isWordChar(c)) {
            while (offset < text.length() && isWordChar(text.charAt(offset))) {
                advance();
            }
            return new Token(Token.Kind.WORD, text.substring(start, offset), pos, start, offset);
        }
        advance();
        if (offset < text.length() && text.charAt(offset) == '=' && (c == '!' || c == '~')
                || c == '~' && offset < text.length() && text.charAt(offset) == '~') {
            advance();
        }
        return new Token(Token.Kind.PUNCT, text.substring(start, offset), pos, start, offset);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
    }

    private void skipBlankAndComments() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '#') {
                while (offset < text.length() && text.charAt(offset) != '\n') {
                    advance();
                }
            } else if (Character.isWhitespace(c)) {
                advance();
            } else {
                return;
            }
        }
    }

    private Token string(SourcePos pos, int start) throws ConfigException {
        advance();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (offset >= text.length()) {
                throw new ConfigException(pos, "unterminated string: expected a closing '\"'");
            }
            char c = text.charAt(offset);
            advance();
            if (c == '"') {
                return new Token(Token.Kind.STRING, sb.toString(), pos, start, offset);
            }
            if (c == '\\') {
                escape(sb, pos);
            } else {
                sb.append(c);
            }
        }
    }

    private void escape(StringBuilder sb, SourcePos stringPos) throws ConfigException {
        if (offset >= text.length()) {
            throw new ConfigException(stringPos, "unterminated string: expected a closing '\"'");
        }
        char c = text.charAt(offset);
        advance();
        switch (c) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'x' -> sb.append((char) digits(16, 2));
            default -> {
                if (c >= '0' && c <= '7') {
                    offset--;
                    column--;
                    sb.append((char) digits(8, 3));
                } else {
                    sb.append(c);
                }
            }
        }
    }

    private int digits(int radix, int max) throws ConfigException {
        int value = 0;
        int n = 0;
        while (n < max && offset < text.length() && Character.digit(text.charAt(offset), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(offset), radix);
            advance();
            n++;
        }
        if (n == 0) {
            throw new ConfigException(pos(), "expected a digit in base " + radix + " after '\\'");
        }
        return value & 0xff;
    }

    private void advance() {
        if (text.charAt(offset) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        offset++;
    }

    private SourcePos pos() {
        return new SourcePos(file, line, column);
    }
}
