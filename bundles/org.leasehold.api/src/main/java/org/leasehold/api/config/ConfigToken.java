package org.leasehold.api.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One token of a statement's arguments as written: a word ({@code primary}, {@code 647},
 * {@code 198.18.0.1}, {@code hmac-sha256}), a quoted string (its text without the quotes), or one
 * punctuation character ({@code ,} {@code =} {@code (} ...). Immutable.
 */
public record ConfigToken(Kind kind, String text, SourcePosition position) {

    /** Token classes. Numbers and addresses are words: their meaning is the reader's. */
    public enum Kind { WORD, STRING, PUNCT }

    public ConfigToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
    }

    /** Whether this is the word or punctuation {@code s}, ignoring case. */
    public boolean is(String s) {
        return kind != Kind.STRING && text.equalsIgnoreCase(s);
    }

    /** The text in lower case (keywords are case-insensitive in dhcpd.conf). */
    public String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** How the token reads in an error message. */
    public String describe() {
        return kind == Kind.STRING ? "string \"" + text + "\"" : "'" + text + "'";
    }
}
