package org.leasehold.failover.internal.state;

import static org.leasehold.failover.internal.wire.ServerState.COMMUNICATIONS_INTERRUPTED;
import static org.leasehold.failover.internal.wire.ServerState.CONFLICT_DONE;
import static org.leasehold.failover.internal.wire.ServerState.NORMAL;
import static org.leasehold.failover.internal.wire.ServerState.PARTNER_DOWN;
import static org.leasehold.failover.internal.wire.ServerState.PAUSED;
import static org.leasehold.failover.internal.wire.ServerState.POTENTIAL_CONFLICT;
import static org.leasehold.failover.internal.wire.ServerState.RECOVER;
import static org.leasehold.failover.internal.wire.ServerState.RECOVER_DONE;
import static org.leasehold.failover.internal.wire.ServerState.RECOVER_WAIT;
import static org.leasehold.failover.internal.wire.ServerState.RESOLUTION_INTERRUPTED;
import static org.leasehold.failover.internal.wire.ServerState.SHUTDOWN;
import static org.leasehold.failover.internal.wire.ServerState.STARTUP;
import static org.leasehold.failover.internal.wire.ServerState.UNKNOWN;

import java.util.function.LongSupplier;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.wire.ServerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover state machine of draft-12 §9, with the transitions ISC dhcpd 4.4 makes
 * ({@code dhcp_failover_set_state}, {@code _state_transition}, {@code _peer_state_changed},
 * {@code _process_update_done} in server/failover.c), so that a Leasehold server and an ISC one move
 * in step. Not thread-safe: one relationship thread drives it.
 */
public final class StateMachine {

    /** ISC's startup period: how long a server waits in STARTUP for its partner. */
    public static final long STARTUP_SECONDS = 15;

    private static final Logger LOG = LoggerFactory.getLogger(StateMachine.class);

    private final String name;
    private final Role role;
    private final MachineEnv env;
    private final LongSupplier clock;
    private final long autoPartnerDown;
    private ServerState me;
    private long myStos;
    private ServerState saved;
    private ServerState partner;
    private long partnerStos;
    private long mclt;

    public StateMachine(String name, Role role, Persisted start, long autoPartnerDown, MachineEnv env,
            LongSupplier clock) {
        this.name = name;
        this.role = role;
        this.env = env;
        this.clock = clock;
        this.autoPartnerDown = autoPartnerDown;
        this.me = start.myState();
        this.myStos = start.myStos();
        this.saved = start.myState();
        this.partner = start.partnerState();
        this.partnerStos = start.partnerStos();
        this.mclt = start.mclt();
    }

    public ServerState state() {
        return me;
    }

    /** The state that counts: the saved one while in STARTUP. */
    public ServerState effective() {
        return me.equals(STARTUP) ? saved : me;
    }

    public long stos() {
        return myStos;
    }

    public ServerState partner() {
        return partner;
    }

    public long partnerStos() {
        return partnerStos;
    }

    public long mclt() {
        return mclt;
    }

    /** The secondary takes the MCLT of the primary's CONNECT. */
    public void mclt(long value) {
        mclt = value;
    }

    public Persisted persisted() {
        return new Persisted(effective(), myStos, partner, partnerStos, mclt);
    }

    /** The server starts: STARTUP for {@value #STARTUP_SECONDS} s, remembering where it was. */
    public void start() {
        setState(STARTUP);
    }

    /** What a STATE message says of this server: the saved state during STARTUP, with the flag. */
    public void sendState() {
        env.sendState(effective(), me.equals(STARTUP), myStos);
    }

    /** The STARTUP period ended without the partner: go where the lost link leads. */
    public void startupTimeout() {
        linkLost();
    }

    public void recoverDone() {
        setState(RECOVER_DONE);
    }

    public void autoPartnerDown() {
        if (me.equals(COMMUNICATIONS_INTERRUPTED)) {
            setState(PARTNER_DOWN);
        }
    }

    /** An operator's {@code failover-partner-down}. */
    public boolean partnerDown() {
        ServerState s = effective();
        if (s.equals(PARTNER_DOWN) || s.equals(NORMAL) && env.connected()) {
            return false;
        }
        setState(PARTNER_DOWN);
        return true;
    }

    /** ISC's "disconnect" transition: the link to the partner is gone. */
    public void linkLost() {
        ServerState s = effective();
        if (s.equals(CONFLICT_DONE)) {
            env.rescindUpdates();
        }
        if (s.equals(CONFLICT_DONE) || s.equals(COMMUNICATIONS_INTERRUPTED) || s.equals(PARTNER_DOWN)
                || s.equals(PAUSED) || s.equals(RECOVER) || s.equals(RECOVER_DONE) || s.equals(RECOVER_WAIT)
                || s.equals(RESOLUTION_INTERRUPTED) || s.equals(SHUTDOWN)) {
            if (me.equals(STARTUP)) {
                setState(saved);
            }
        } else if (s.equals(POTENTIAL_CONFLICT) || s.equals(UNKNOWN)) {
            setState(RESOLUTION_INTERRUPTED);
        } else if (s.equals(NORMAL)) {
            setState(COMMUNICATIONS_INTERRUPTED);
        }
    }

    /** The partner sent UPDDONE: it has sent every update this server asked for. */
    public void updateDone() {
        LOG.info("failover peer {}: peer update completed", name);
        if (me.equals(POTENTIAL_CONFLICT)) {
            if (partner.equals(CONFLICT_DONE)) {
                setState(role == Role.SECONDARY ? NORMAL : SHUTDOWN);
            } else if (role == Role.PRIMARY) {
                setState(CONFLICT_DONE);
            }
        } else if (me.equals(RECOVER)) {
            long done = myStos + mclt;
            if (done > clock.getAsLong() && !partner.equals(RECOVER) && !partner.equals(RECOVER_DONE)) {
                setState(RECOVER_WAIT);
            } else {
                setState(RECOVER_DONE);
            }
        }
    }

    /** The partner's STATE message (ISC's {@code dhcp_failover_peer_state_changed}). */
    public void partnerState(ServerState next, boolean partnerStartup) {
        ServerState previous = partner;
        if (partner.equals(next) && !me.equals(UNKNOWN)) {
            if (me.equals(STARTUP)) {
                setState(saved.equals(RESOLUTION_INTERRUPTED) ? POTENTIAL_CONFLICT : saved);
                return;
            }
            if (!(me.equals(PARTNER_DOWN) || me.equals(COMMUNICATIONS_INTERRUPTED)
                    || me.equals(RESOLUTION_INTERRUPTED) || me.equals(RECOVER) || me.equals(CONFLICT_DONE))) {
                return;
            }
        }
        partner = next;
        partnerStos = clock.getAsLong();
        LOG.info("failover peer {}: peer moves from {} to {}", name, previous, next);
        env.partnerMoved(previous, next);
        if (!env.journal(persisted())) {
            LOG.error("failover peer {}: unable to record the partner's state", name);
        }
        if (!next.known()) {
            LOG.error("failover peer {}: invalid partner state {}", name, next);
            setState(SHUTDOWN);
            return;
        }
        react(previous, next, partnerStartup);
        if (me.equals(STARTUP) && !saved.equals(STARTUP)) {
            setState(saved);
        }
    }

    private void react(ServerState previous, ServerState next, boolean partnerStartup) {
        ServerState s = effective();
        if (s.equals(NORMAL)) {
            if (next.equals(PARTNER_DOWN)) {
                setState(me.equals(STARTUP) ? RECOVER : POTENTIAL_CONFLICT);
            } else if (next.equals(POTENTIAL_CONFLICT) || next.equals(RESOLUTION_INTERRUPTED)
                    || next.equals(CONFLICT_DONE)) {
                LOG.error("failover peer {}: invalid partner transition {} to {}", name, previous, next);
                setState(SHUTDOWN);
            } else if (next.equals(RECOVER) || next.equals(SHUTDOWN)) {
                setState(PARTNER_DOWN);
            } else if (next.equals(PAUSED)) {
                setState(COMMUNICATIONS_INTERRUPTED);
            }
        } else if (s.equals(RECOVER)) {
            if (next.equals(RECOVER) || next.equals(PARTNER_DOWN) || next.equals(COMMUNICATIONS_INTERRUPTED)) {
                if (me.equals(RECOVER)) {
                    env.sendUpdateRequestAll();
                }
            } else if (next.equals(POTENTIAL_CONFLICT) || next.equals(RESOLUTION_INTERRUPTED)
                    || next.equals(CONFLICT_DONE) || next.equals(NORMAL)) {
                setState(POTENTIAL_CONFLICT);
            } else if (next.equals(SHUTDOWN)) {
                setState(PARTNER_DOWN);
            }
        } else if (s.equals(POTENTIAL_CONFLICT)) {
            if (next.equals(NORMAL)) {
                LOG.error("failover peer {}: partner moves to normal during conflict resolution; shutting down", name);
                setState(SHUTDOWN);
            } else if (next.equals(CONFLICT_DONE)) {
                if (previous.equals(POTENTIAL_CONFLICT)) {
                    env.sendUpdateRequest();
                }
            } else if (next.equals(RECOVER)) {
                setState(RECOVER);
            } else if (next.equals(SHUTDOWN)) {
                setState(PARTNER_DOWN);
            }
        } else if (s.equals(CONFLICT_DONE)) {
            if (next.equals(NORMAL) || next.equals(SHUTDOWN)) {
                setState(next);
            } else if (!next.equals(POTENTIAL_CONFLICT) && !next.equals(RESOLUTION_INTERRUPTED)) {
                LOG.error("failover peer {}: partner moves from {} to {} while this server is conflict-done",
                        name, previous, next);
                setState(SHUTDOWN);
            }
        } else if (s.equals(PARTNER_DOWN)) {
            if (partnerStartup) {
                return;
            }
            if (next.equals(RECOVER_DONE)) {
                setState(NORMAL);
            } else if (next.equals(NORMAL) || next.equals(POTENTIAL_CONFLICT) || next.equals(PARTNER_DOWN)
                    || next.equals(COMMUNICATIONS_INTERRUPTED) || next.equals(RESOLUTION_INTERRUPTED)
                    || next.equals(CONFLICT_DONE)) {
                setState(POTENTIAL_CONFLICT);
            }
        } else if (s.equals(COMMUNICATIONS_INTERRUPTED)) {
            if (next.equals(RECOVER)) {
                setState(PARTNER_DOWN);
            } else if (next.equals(NORMAL) || next.equals(COMMUNICATIONS_INTERRUPTED) || next.equals(RECOVER_DONE)
                    || next.equals(RECOVER_WAIT)) {
                env.sendPendingUpdates();
                setState(NORMAL);
            } else if (next.equals(POTENTIAL_CONFLICT) || next.equals(PARTNER_DOWN)
                    || next.equals(RESOLUTION_INTERRUPTED) || next.equals(CONFLICT_DONE)) {
                setState(POTENTIAL_CONFLICT);
            } else if (next.equals(SHUTDOWN)) {
                setState(PARTNER_DOWN);
            }
        } else if (s.equals(RESOLUTION_INTERRUPTED)) {
            if (next.equals(SHUTDOWN)) {
                setState(PARTNER_DOWN);
            } else if (!next.equals(PAUSED) && !next.equals(UNKNOWN) && !next.equals(STARTUP)) {
                setState(POTENTIAL_CONFLICT);
            }
        } else if (s.equals(RECOVER_DONE)) {
            if (next.equals(RECOVER_DONE) || next.equals(NORMAL)) {
                setState(NORMAL);
            } else if (next.equals(SHUTDOWN)) {
                setState(PARTNER_DOWN);
            }
        }
    }

    /** ISC's {@code dhcp_failover_set_state}. */
    public void setState(ServerState next) {
        if (me.equals(NORMAL) || me.equals(POTENTIAL_CONFLICT) || me.equals(PARTNER_DOWN)) {
            env.rescindUpdates();
        }
        ServerState was = me;
        long wasStos = myStos;
        ServerState wasSaved = saved;
        long now = clock.getAsLong();
        if (!next.equals(RECOVER_WAIT) && !next.equals(STARTUP) && !was.equals(STARTUP)) {
            myStos = now;
        }
        me = next;
        if (next.equals(STARTUP) && !was.equals(STARTUP)) {
            saved = was;
        }
        if (!env.journal(persisted())) {
            LOG.error("failover peer {}: unable to record the move from {} to {}; staying in {}", name, was, next, was);
            me = was;
            myStos = wasStos;
            saved = wasSaved;
            return;
        }
        LOG.info("failover peer {}: I move from {} to {}", name, was, me);
        if (me.equals(NORMAL) && partner.equals(NORMAL)) {
            LOG.info("failover peer {}: both servers normal", name);
        }
        if (!next.equals(STARTUP) && was.equals(STARTUP)) {
            env.cancel(MachineEnv.Timer.STARTUP);
        }
        env.cancel(MachineEnv.Timer.AUTO_PARTNER_DOWN);
        env.moved(was, me);
        if (env.connected()) {
            sendState();
        }
        entered(next, now);
    }

    private void entered(ServerState next, long now) {
        if (next.equals(COMMUNICATIONS_INTERRUPTED) && autoPartnerDown > 0) {
            env.schedule(MachineEnv.Timer.AUTO_PARTNER_DOWN, now + autoPartnerDown);
        } else if (next.equals(NORMAL)) {
            env.sendPendingUpdates();
        } else if (next.equals(POTENTIAL_CONFLICT)) {
            if (role == Role.PRIMARY || partner.equals(CONFLICT_DONE)) {
                env.sendUpdateRequest();
            }
        } else if (next.equals(STARTUP)) {
            env.schedule(MachineEnv.Timer.STARTUP, now + STARTUP_SECONDS);
        } else if (next.equals(RECOVER_WAIT)) {
            if (myStos + mclt > now) {
                env.schedule(MachineEnv.Timer.RECOVER_DONE, myStos + mclt);
            } else {
                recoverDone();
            }
        } else if (next.equals(RECOVER)) {
            if (env.connected()) {
                env.sendUpdateRequestAll();
            }
        }
    }
}
