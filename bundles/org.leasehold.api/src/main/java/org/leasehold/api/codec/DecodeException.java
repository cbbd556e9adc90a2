package org.leasehold.api.codec;

/**
 * The one failure decoding can report: where in the input (byte offset) and why. Checked, so a
 * caller on the packet path must decide to drop the packet; nothing else escapes a decoder.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String reason;

    public DecodeException(int offset, String reason) {
        super(reason + " (at offset " + offset + ")", null, false, false);
        this.offset = offset;
        this.reason = reason;
    }

    /** Byte offset in the decoded input where the problem was found. */
    public int offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
