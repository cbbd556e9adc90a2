package org.leasehold.core.internal.syntax;

/**
 * One lexical token of dhcpd.conf. {@code start}/{@code end} are offsets into the source text so a
 * statement's value can be taken exactly as written. Immutable.
 */
public record Token(Kind kind, String text, SourcePos pos, int start, int end) {

    /** Token classes; punctuation carries its character in {@code text}. */
    public enum Kind { WORD, STRING, PUNCT, EOF }

    public boolean is(String punctOrKeyword) {
        return (kind == Kind.PUNCT || kind == Kind.WORD) && text.equalsIgnoreCase(punctOrKeyword);
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }

    /** How the token reads in an error message. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
