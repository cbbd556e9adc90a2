package org.leasehold.manager.internal;

/** A manager sent bytes that break the protocol; the connection is closed. */
final class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    FrameException(String message) {
        super(message);
    }
}
