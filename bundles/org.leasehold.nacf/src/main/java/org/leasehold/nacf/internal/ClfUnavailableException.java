package org.leasehold.nacf.internal;

/** A push that did not reach the CLF: dropped (outage, full queue, shutdown) or never answered. Counted. */
final class ClfUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    ClfUnavailableException(String why) {
        super(why, null, false, false);
    }
}
