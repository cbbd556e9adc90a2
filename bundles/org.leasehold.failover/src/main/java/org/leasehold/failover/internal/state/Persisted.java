package org.leasehold.failover.internal.state;

import java.util.Objects;
import org.leasehold.failover.internal.wire.ServerState;

/**
 * What a relationship keeps across a restart (ISC dhcpd writes the same into its lease file as
 * {@code failover peer "NAME" state { my state ...; partner state ...; mclt ...; }}). Immutable.
 *
 * @param myState      this server's state (never STARTUP: the state it was in before it)
 * @param myStos       when it entered it, seconds since the epoch
 * @param partnerState the partner's last known state
 * @param partnerStos  when this server learnt it
 * @param mclt         the MCLT in force (the secondary learns it from the primary's CONNECT)
 */
public record Persisted(ServerState myState, long myStos, ServerState partnerState, long partnerStos, long mclt) {

    public Persisted {
        Objects.requireNonNull(myState, "myState");
        Objects.requireNonNull(partnerState, "partnerState");
    }

    /** A relationship that never ran: RECOVER, the partner unknown (ISC's initial state). */
    public static Persisted initial(long now, long mclt) {
        return new Persisted(ServerState.RECOVER, now, ServerState.UNKNOWN, now, mclt);
    }
}
