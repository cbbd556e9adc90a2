package org.leasehold.api.lease;

import java.util.Objects;
import java.util.Optional;

/**
 * One durable change of the lease table, as {@link LeaseListener}s see it. Immutable.
 *
 * @param before the lease before the change; null when the address had none
 * @param after  the lease after the change; null when it was deleted
 * @param cause  why it changed
 * @param origin who changed it: {@link #ENGINE} for the core's DHCP processing and expiry, otherwise
 *               the name its committer gave ({@code "failover"}, {@code "console"}, ...)
 */
public record LeaseChange(Lease before, Lease after, Cause cause, String origin) {

    /** The origin of changes made by the core's packet processing and expiry sweep. */
    public static final String ENGINE = "engine";

    /** Why a lease changed. */
    public enum Cause {
        /** A client got an address it did not hold (ACK of a new or another client's address, BOOTP). */
        GRANTED,
        /** The client that held the address extended it (renewal, rebinding, reboot). */
        RENEWED,
        /** The client released it (DHCPRELEASE). */
        RELEASED,
        /** It ran out and the expiry sweep moved it to {@link LeaseState#EXPIRED}. */
        EXPIRED,
        /** A client declined it (DHCPDECLINE); it is {@link LeaseState#ABANDONED}. */
        DECLINED,
        /** A capability or an operator changed it in another way (state, owner, variables). */
        UPDATED,
        /** It was deleted from the table. */
        DELETED
    }

    public LeaseChange {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs a lease before or after it");
        }
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(origin, "origin");
    }

    /** The lease's key. */
    public LeaseKey key() {
        return after != null ? after.key() : before.key();
    }

    public Optional<Lease> beforeLease() {
        return Optional.ofNullable(before);
    }

    public Optional<Lease> afterLease() {
        return Optional.ofNullable(after);
    }

    /** Whether the engine made it (and not a capability or an operator). */
    public boolean byEngine() {
        return ENGINE.equals(origin);
    }
}
