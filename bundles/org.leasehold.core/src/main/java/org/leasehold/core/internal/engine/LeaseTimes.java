package org.leasehold.core.internal.engine;

import java.util.List;
import java.util.Optional;
import org.leasehold.api.lease.Lease;
import org.leasehold.core.internal.config.Params;

/** Lease-time negotiation (RFC 2131 §3.3, option 51) within dhcpd.conf's limits. Stateless. */
final class LeaseTimes {

    static final long ISC_DEFAULT = 43200;
    static final long ISC_MAX = 86400;

    private LeaseTimes() {
    }

    /** The lease time for a DHCP client asking for {@code requested} seconds (option 51), if it did. */
    static long negotiate(List<Params> scopes, Optional<Long> requested) {
        long max = ConfigView.number(scopes, "max-lease-time").orElse(ISC_MAX);
        long min = ConfigView.number(scopes, "min-lease-time").orElse(0L);
        long def = ConfigView.number(scopes, "default-lease-time").orElse(Math.min(ISC_DEFAULT, max));
        long t = requested.orElse(def);
        if (requested.isPresent() && t > max) {
            t = max;
        }
        return Math.max(Math.max(t, min), 1);
    }

    /**
     * The lease time of a BOOTP lease at {@code now}, as ISC's ack_lease computes it: infinite, or
     * {@code dynamic-bootp-lease-length} seconds, or, overriding both, until {@code
     * dynamic-bootp-lease-cutoff} (seconds since the epoch, UTC, or {@code infinite}). A cutoff already
     * past gives a one-second lease (ISC's would end before it starts).
     */
    static long bootp(List<Params> scopes, long now) {
        Optional<String> cutoff = ConfigView.text(scopes, "dynamic-bootp-lease-cutoff");
        if (cutoff.isPresent()) {
            if (cutoff.get().equalsIgnoreCase("infinite")) {
                return Lease.NEVER;
            }
            Optional<Long> at = ConfigView.number(scopes, "dynamic-bootp-lease-cutoff");
            if (at.isPresent()) {
                return at.get() >= 0xffffffffL ? Lease.NEVER : Math.max(at.get() - now, 1);
            }
        }
        return ConfigView.number(scopes, "dynamic-bootp-lease-length").filter(v -> v > 0).orElse(Lease.NEVER);
    }

    static long end(long now, long seconds) {
        return seconds == Lease.NEVER ? Lease.NEVER : now + seconds;
    }
}
