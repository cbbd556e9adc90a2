package org.leasehold.nacf;

/**
 * The a2 primitives, independent of any wire format. Requests are answered by the kind named in
 * {@link #answer()}; {@link #ERROR} answers any request the peer could not process.
 */
public enum A2Kind {
    /** NACF → CLF: a CPE holds an address at a location (a new or moved lease). */
    ATTACH,
    /** CLF → NACF: the answer to {@link #ATTACH}, with a result code. */
    ATTACH_ANSWER,
    /** NACF → CLF: the address is no longer the CPE's (release, expiry, decline, taken away). */
    DETACH,
    /** CLF → NACF: the answer to {@link #DETACH}. */
    DETACH_ANSWER,
    /** CLF → NACF: which CPE holds this address (in this realm)? */
    PULL,
    /** NACF → CLF: the binding, or a result code saying there is none. */
    PULL_ANSWER,
    /** NACF → CLF: are you alive? */
    HEARTBEAT,
    /** CLF → NACF: yes. */
    HEARTBEAT_ANSWER,
    /** Either way: the request with this identifier could not be processed. */
    ERROR;

    /** Whether this kind opens an exchange (the peer must answer it). */
    public boolean isRequest() {
        return this == ATTACH || this == DETACH || this == PULL || this == HEARTBEAT;
    }

    /** The kind that answers this request; {@link #ERROR} for kinds that are not requests. */
    public A2Kind answer() {
        return switch (this) {
            case ATTACH -> ATTACH_ANSWER;
            case DETACH -> DETACH_ANSWER;
            case PULL -> PULL_ANSWER;
            case HEARTBEAT -> HEARTBEAT_ANSWER;
            default -> ERROR;
        };
    }
}
