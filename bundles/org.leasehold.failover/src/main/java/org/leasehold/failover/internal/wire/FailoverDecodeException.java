package org.leasehold.failover.internal.wire;

/**
 * A failover message that cannot be read: where (byte offset in the message, its length field
 * counted) and why. The only failure the codec raises on bad input.
 */
public final class FailoverDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String reason;

    public FailoverDecodeException(int offset, String reason) {
        super(reason + " at offset " + offset);
        this.offset = offset;
        this.reason = reason;
    }

    public int offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
