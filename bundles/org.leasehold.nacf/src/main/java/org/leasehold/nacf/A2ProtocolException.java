package org.leasehold.nacf;

/**
 * A peer's bytes that are not a valid a2 message: the connection they came on cannot be trusted any
 * more and is reset. Carries the offset in the stream's current frame and the reason.
 */
public final class A2ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int offset;

    public A2ProtocolException(int offset, String reason) {
        super(reason + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
