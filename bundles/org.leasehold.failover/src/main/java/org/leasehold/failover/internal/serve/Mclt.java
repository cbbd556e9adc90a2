package org.leasehold.failover.internal.serve;

import org.leasehold.api.lease.Lease;
import org.leasehold.failover.internal.binding.LeaseBindings;

/**
 * The maximum client lead time rule (draft-12 §5.2.1) as ISC dhcpd applies it in {@code ack_lease}: a
 * lease longer than the MCLT may run at most MCLT past the potential expiry the partner acknowledged
 * (TSFP), or just the MCLT when nothing is acknowledged; the potential expiry sent to the partner
 * (TSTP) asks for the desired time plus half the granted one, so that the client gets the desired
 * time at its renewal. Stateless.
 */
public final class Mclt {

    private Mclt() {
    }

    /** The lease time this server may grant now. */
    public static long allowed(long desired, long mclt, long tsfp, long now) {
        if (desired <= mclt) {
            return desired;
        }
        if (tsfp <= now) {
            return mclt;
        }
        return desired == Lease.NEVER || now + desired > tsfp + mclt ? tsfp - now + mclt : desired;
    }

    /**
     * The candidate lease with its end cut to the rule; for an ACK ({@code commit}) also the potential
     * expiry to send (TSTP) and the client's last transaction time.
     */
    public static Lease apply(Lease candidate, Lease stored, long mclt, long now, boolean commit) {
        long tsfp = stored == null ? 0 : stored.variable(LeaseBindings.TSFP).map(Long::parseLong).orElse(0L);
        long desired = candidate.endEpochSecond() == Lease.NEVER ? Lease.NEVER
                : candidate.endEpochSecond() - now;
        long granted = allowed(desired, mclt, tsfp, now);
        Lease.Builder b = candidate.toBuilder().end(granted == Lease.NEVER ? Lease.NEVER : now + granted);
        if (stored != null) {
            stored.variable(LeaseBindings.TSFP).ifPresent(v -> b.variable(LeaseBindings.TSFP, v));
            stored.variable(org.leasehold.failover.internal.binding.BindingSync.ACKED)
                    .ifPresent(v -> b.variable(org.leasehold.failover.internal.binding.BindingSync.ACKED, v));
        }
        if (commit) {
            long tstp = desired == Lease.NEVER ? 0xFFFFFFFFL : Math.min(now + desired + granted / 2, 0xFFFFFFFEL);
            b.variable(LeaseBindings.TSTP, Long.toString(tstp));
            b.variable(LeaseBindings.CLTT, Long.toString(now));
            if (tstp < tsfp) {
                b.variable(LeaseBindings.TSFP, Long.toString(tstp));
            }
        }
        return b.build();
    }
}
