package org.leasehold.core.internal.syntax;

import java.util.List;

/**
 * Cursor over a file's tokens with the expect-or-fail helpers the parsers share. Errors name the
 * position of the offending token and what was expected there. Not thread-safe.
 */
public final class TokenStream {

    private final List<Token> tokens;
    private final String source;
    private int index;

    public TokenStream(List<Token> tokens, String source) {
        this.tokens = List.copyOf(tokens);
        this.source = source;
    }

    public Token peek() {
        return tokens.get(index);
    }

    public Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    public Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.EOF) {
            index++;
        }
        return t;
    }

    public boolean atEnd() {
        return peek().kind() == Token.Kind.EOF;
    }

    /** Consumes the next token when it is the given punctuation or keyword. */
    public boolean accept(String s) {
        if (peek().is(s)) {
            next();
            return true;
        }
        return false;
    }

    public Token expect(String s) throws ConfigException {
        Token t = peek();
        if (!t.is(s)) {
            throw error(t, "expected '" + s + "'");
        }
        return next();
    }

    public Token expectWord(String what) throws ConfigException {
        Token t = peek();
        if (t.kind() != Token.Kind.WORD) {
            throw error(t, "expected " + what);
        }
        return next();
    }

    /** A quoted string or a bare word, as ISC accepts for names. */
    public Token expectName(String what) throws ConfigException {
        Token t = peek();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw error(t, "expected " + what);
        }
        return next();
    }

    public Token expectString(String what) throws ConfigException {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING) {
            throw error(t, "expected " + what + " (a quoted string)");
        }
        return next();
    }

    public long expectNumber(String what) throws ConfigException {
        Token t = peek();
        if (t.kind() == Token.Kind.WORD) {
            try {
                long v = Long.parseLong(t.text());
                next();
                return v;
            } catch (NumberFormatException e) {
                // fall through to the error naming what was expected
            }
        }
        throw error(t, "expected " + what + " (a number)");
    }

    /** The tokens from {@code from} up to (excluding) the current token. */
    public List<Token> tokensSince(Token from) {
        int first = index;
        while (first > 0 && tokens.get(first - 1).start() >= from.start()) {
            first--;
        }
        return tokens.subList(first, index);
    }

    /**
     * The source text from token {@code from} up to (excluding) the current token, as written but for
     * comments, which are dropped (a value may span lines with a comment on each).
     */
    public String textSince(Token from) {
        Token last = tokens.get(Math.max(index - 1, 0));
        return last.end() <= from.start() ? "" : withoutComments(source.substring(from.start(), last.end()));
    }

    private static String withoutComments(String text) {
        if (text.indexOf('#') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean quoted = false;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (c == '#' && !quoted) {
                comment = true;
                continue;
            } else if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (!comment) {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static ConfigException error(Token at, String expected) {
        return new ConfigException(at.pos(), expected + ", found " + at.describe());
    }
}
