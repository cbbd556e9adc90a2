package org.leasehold.ddns.internal;

/**
 * An update the DNS servers did not complete. {@link #transientFailure()} says whether sending it again
 * later may succeed (no answer, SERVFAIL, an unverifiable answer) or not (REFUSED, NOTAUTH, NOTZONE,
 * FORMERR: the configuration or the key is wrong). {@link #hostile()} marks answers that are not what a
 * DNS server sends for our query (bad signature, wrong id, garbage). Immutable.
 */
final class DnsReplyException extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;
    private final boolean hostile;

    DnsReplyException(String message, boolean transientFailure, boolean hostile) {
        super(message, null, false, false);
        this.transientFailure = transientFailure;
        this.hostile = hostile;
    }

    boolean transientFailure() {
        return transientFailure;
    }

    boolean hostile() {
        return hostile;
    }
}
