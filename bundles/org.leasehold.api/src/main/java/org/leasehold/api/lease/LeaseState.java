package org.leasehold.api.lease;

import java.util.Locale;

/**
 * Binding state of a lease, named as in the DHCP failover draft and ISC dhcpd's {@code binding state}.
 * Immutable.
 */
public enum LeaseState {
    /** Available for allocation. */
    FREE,
    /** Bound to a client until its end time. */
    ACTIVE,
    /** The end time passed without renewal; the client may still get the address back. */
    EXPIRED,
    /** The client released it (DHCPRELEASE). */
    RELEASED,
    /** Declined by a client or found in use (ping check); kept out of allocation for a while. */
    ABANDONED,
    /** Reset by an operator or a failover partner. */
    RESET,
    /** Owned by the failover secondary's free pool. */
    BACKUP;

    /** The ISC dhcpd.leases spelling ({@code active}, {@code free}, ...). */
    public String iscName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an ISC name or an enum name, case-insensitively. */
    public static LeaseState parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
