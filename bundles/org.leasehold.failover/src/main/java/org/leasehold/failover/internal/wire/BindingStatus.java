package org.leasehold.failover.internal.wire;

import org.leasehold.api.lease.LeaseState;

/**
 * A binding status in BNDUPD/BNDACK (draft-12 §12.3, ISC dhcpd's {@code FTS_*}: FREE 1 .. BACKUP 7).
 * An open value. Immutable.
 */
public record BindingStatus(int code) {

    public static final BindingStatus FREE = new BindingStatus(1);
    public static final BindingStatus ACTIVE = new BindingStatus(2);
    public static final BindingStatus EXPIRED = new BindingStatus(3);
    public static final BindingStatus RELEASED = new BindingStatus(4);
    public static final BindingStatus ABANDONED = new BindingStatus(5);
    public static final BindingStatus RESET = new BindingStatus(6);
    public static final BindingStatus BACKUP = new BindingStatus(7);

    private static final LeaseState[] STATES = {null, LeaseState.FREE, LeaseState.ACTIVE, LeaseState.EXPIRED,
        LeaseState.RELEASED, LeaseState.ABANDONED, LeaseState.RESET, LeaseState.BACKUP};

    public static BindingStatus valueOf(int code) {
        return new BindingStatus(code);
    }

    public static BindingStatus of(LeaseState s) {
        for (int i = 1; i < STATES.length; i++) {
            if (STATES[i] == s) {
                return new BindingStatus(i);
            }
        }
        throw new IllegalArgumentException("no binding status for " + s);
    }

    public boolean known() {
        return code >= 1 && code < STATES.length;
    }

    /** The lease state; only for {@link #known()} statuses. */
    public LeaseState leaseState() {
        if (!known()) {
            throw new IllegalStateException("unknown binding status " + code);
        }
        return STATES[code];
    }

    @Override
    public String toString() {
        return known() ? STATES[code].iscName() : "status-" + code;
    }
}
