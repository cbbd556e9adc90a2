package org.leasehold.core.internal.config;

/**
 * An option space as {@code option space NAME [code width N] [length width N] [hash size N];} declares
 * it: how many bytes each sub-option's code and length take on the wire (ISC: codes 1, 2 or 4, lengths
 * 0, 1 or 2; both default to 1). The hash size only sizes ISC's tables and is kept for the record. Immutable.
 */
public record SpaceLayout(String name, int codeWidth, int lengthWidth, int hashSize) {

    public SpaceLayout {
        if (codeWidth != 1 && codeWidth != 2 && codeWidth != 4) {
            throw new IllegalArgumentException("code width must be 1, 2 or 4, was " + codeWidth);
        }
        if (lengthWidth < 0 || lengthWidth > 2) {
            throw new IllegalArgumentException("length width must be 0, 1 or 2, was " + lengthWidth);
        }
        if (hashSize < 1 || hashSize > 65535) {
            throw new IllegalArgumentException("hash size must be from 1 to 65535, was " + hashSize);
        }
    }

    /** A space with ISC's default widths of one byte. */
    public static SpaceLayout standard(String name) {
        return new SpaceLayout(name, 1, 1, 254);
    }

    /** The largest code this space can carry. */
    public long maxCode() {
        return codeWidth == 4 ? 0xffffffffL : (1L << (8 * codeWidth)) - 1;
    }
}
