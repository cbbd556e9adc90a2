package org.leasehold.api;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Operator actions on the failover relationships in force, for management interfaces (the Server
 * Manager's {@code partnerdown} and {@code update}): registered by the failover capability while it is
 * installed, absent otherwise. A relationship's state and counters are in {@link ServerInfo#status()}
 * under {@code failover.NAME.*}.
 *
 * <p>Thread-safe. No call blocks: the actions run on the relationship's own thread and the returned
 * stages complete there (attach slow work with the {@code *Async} methods). A stage fails with
 * {@link java.util.NoSuchElementException} for a relationship that is not configured and with
 * {@link IllegalStateException} when the relationship's state does not allow the action.
 */
@ProviderType
public interface FailoverControl {

    /** The names of the relationships in force ({@code failover peer "NAME"}), in declaration order. */
    List<String> peers();

    /**
     * The operator states that the partner is down (it is, and will stay down for at least MCLT):
     * the relationship moves to PARTNER-DOWN, as ISC's {@code omshell} / Leasehold's
     * {@code dhcp:failover-partner-down} do. Completes with a sentence saying what happened; a
     * relationship already in PARTNER-DOWN, or connected and NORMAL, stays where it is (the sentence says so).
     */
    CompletionStage<String> partnerDown(String peer);

    /**
     * Brings the two servers' lease data in step: asks the connected partner for its binding updates
     * (UPDREQALL when {@code all}, every binding; else UPDREQ, those it has not yet sent) and queues
     * again every update of ours the partner has not acknowledged. Completes with a sentence; fails
     * with {@link IllegalStateException} while the partner is not connected.
     */
    CompletionStage<String> requestUpdates(String peer, boolean all);
}
