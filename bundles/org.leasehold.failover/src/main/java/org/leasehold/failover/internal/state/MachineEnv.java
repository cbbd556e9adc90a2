package org.leasehold.failover.internal.state;

import org.leasehold.failover.internal.wire.ServerState;

/**
 * What the {@link StateMachine} asks of its relationship: messages to the partner, the journal, and
 * timers. Called on the relationship's own thread; none of it may wait on the partner.
 */
public interface MachineEnv {

    /** Timers the machine sets; setting one again replaces it. */
    enum Timer { STARTUP, RECOVER_DONE, AUTO_PARTNER_DOWN }

    /** Whether a link to the partner is up (CONNECT/CONNECTACK done). */
    boolean connected();

    void sendState(ServerState state, boolean startup, long stos);

    void sendUpdateRequest();

    void sendUpdateRequestAll();

    /** Queue every binding the partner has not acknowledged and start sending (entering NORMAL). */
    void sendPendingUpdates();

    /** Put the updates sent but not acknowledged back in the queue, to be sent again. */
    void rescindUpdates();

    /** Make the state durable; false when it could not be written (the transition is then undone). */
    boolean journal(Persisted state);

    void schedule(Timer timer, long atEpochSecond);

    void cancel(Timer timer);

    /** Told after every transition this server makes (logging, metrics, policy version). */
    void moved(ServerState from, ServerState to);

    /** Told after the partner's state changed. */
    void partnerMoved(ServerState from, ServerState to);
}
