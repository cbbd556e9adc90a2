package org.leasehold.failover.internal.serve;

import static org.leasehold.failover.internal.wire.ServerState.COMMUNICATIONS_INTERRUPTED;
import static org.leasehold.failover.internal.wire.ServerState.CONFLICT_DONE;
import static org.leasehold.failover.internal.wire.ServerState.NORMAL;
import static org.leasehold.failover.internal.wire.ServerState.PARTNER_DOWN;
import static org.leasehold.failover.internal.wire.ServerState.POTENTIAL_CONFLICT;
import static org.leasehold.failover.internal.wire.ServerState.RESOLUTION_INTERRUPTED;

import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.wire.ServerState;

/**
 * What the packet path needs of a relationship, as one immutable snapshot the relationship publishes
 * at every change: whether to answer at all (ISC's service state), whether to balance load, and
 * which free addresses are this server's.
 *
 * @param role          this server's role
 * @param state         this server's state (STARTUP included)
 * @param partner       the partner's last known state
 * @param stos          when this server entered its state
 * @param mclt          the MCLT in force
 * @param hba           the load-balancing assignment in force (null: none yet)
 * @param lbMaxSeconds  load balance max seconds
 */
public record ServiceView(Role role, ServerState state, ServerState partner, long stos, long mclt, Hba hba,
        int lbMaxSeconds) {

    /** ISC's {@code dhcp_failover_set_service_state}: cooperating, not cooperating or partner-down. */
    public boolean responding() {
        if (!(state.equals(NORMAL) || state.equals(COMMUNICATIONS_INTERRUPTED) || state.equals(PARTNER_DOWN))) {
            return false;
        }
        return !(partner.equals(PARTNER_DOWN) || partner.equals(POTENTIAL_CONFLICT) || partner.equals(CONFLICT_DONE)
                || partner.equals(RESOLUTION_INTERRUPTED));
    }

    /** In NORMAL the pair splits new clients by the HBA. */
    public boolean balancing() {
        return state.equals(NORMAL);
    }

    /** In PARTNER-DOWN, once MCLT has passed, this server may use the partner's free addresses too. */
    public boolean ownsEverything(long now) {
        return state.equals(PARTNER_DOWN) && now >= stos + mclt;
    }

    /** Whether a free address (no lease, or this lease) belongs to this server's free pool. */
    public boolean ownFree(Lease lease) {
        LeaseState s = lease == null ? LeaseState.FREE : lease.state();
        return role == Role.PRIMARY ? s == LeaseState.FREE : s == LeaseState.BACKUP;
    }
}
