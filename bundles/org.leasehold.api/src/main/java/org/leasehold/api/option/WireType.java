package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;

/** Base of the built-in types: streaming parse and format so types compose into arrays and records. */
abstract class WireType implements OptionType {

    /** Parses one value from the lexer into {@code out}. */
    abstract void parse(ValueLexer lx, ByteArrayOutputStream out);

    /**
     * Formats one value starting at {@code off} (not past {@code end}); returns the offset after it.
     * Throws IllegalArgumentException when the bytes do not fit the type.
     */
    abstract int format(byte[] b, int off, int end, StringBuilder sb);

    /** Whether a value of this type takes all remaining bytes (so it can only come last). */
    boolean takesRest() {
        return false;
    }

    @Override
    public byte[] parseValue(String text) {
        ValueLexer lx = new ValueLexer(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parse(lx, out);
        lx.expectEnd();
        return out.toByteArray();
    }

    @Override
    public String format(byte[] value) {
        StringBuilder sb = new StringBuilder();
        try {
            int p = format(value, 0, value.length, sb);
            if (p == value.length) {
                return sb.toString();
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // fall through to the raw form: format never fails
        }
        return Formats.string(value, 0, value.length);
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionType t && t.name().equals(name());
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }

    static void need(byte[] b, int off, int n, int end) {
        if (off + n > end) {
            throw new IllegalArgumentException("value too short");
        }
    }
}
