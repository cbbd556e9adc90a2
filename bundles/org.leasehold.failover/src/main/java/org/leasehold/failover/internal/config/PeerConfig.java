package org.leasehold.failover.internal.config;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import org.leasehold.api.config.SourcePosition;

/**
 * One {@code failover peer "NAME" { ... }} declaration, with ISC dhcpd's defaults filled in. Immutable.
 *
 * @param name                 the relationship name (sent in CONNECT; must match the partner's)
 * @param role                 primary or secondary
 * @param address              the local address to listen on and connect from; null for any
 * @param port                 the local TCP port (647 by default)
 * @param peerAddress          the partner's address
 * @param peerPort             the partner's TCP port (647 by default)
 * @param maxResponseDelay     seconds without a message from the partner before the link is cut
 * @param maxUnackedUpdates    binding updates the partner may have unacknowledged from us
 * @param mclt                 maximum client lead time, seconds (the primary's; 0 on a secondary
 *                             that leaves it to the primary's CONNECT)
 * @param hba                  the load-balancing assignment (primary only); null on a secondary
 * @param loadBalanceMaxSeconds a client whose secs field exceeds this is answered by either server;
 *                             0 disables load balancing by secs
 * @param autoPartnerDown      seconds in COMMUNICATIONS-INTERRUPTED before PARTNER-DOWN; 0 never
 * @param maxLeaseMisbalance   percent
 * @param maxLeaseOwnership    percent
 * @param minBalance           seconds
 * @param maxBalance           seconds
 * @param position             where the declaration is
 */
public record PeerConfig(String name, Role role, Inet4Address address, int port, Inet4Address peerAddress,
        int peerPort, int maxResponseDelay, int maxUnackedUpdates, int mclt, Hba hba, int loadBalanceMaxSeconds,
        int autoPartnerDown, int maxLeaseMisbalance, int maxLeaseOwnership, int minBalance, int maxBalance,
        SourcePosition position) {

    public static final int DEFAULT_PORT = 647;
    public static final int DEFAULT_MAX_RESPONSE_DELAY = 20;
    public static final int DEFAULT_MAX_UNACKED = 100;
    public static final int DEFAULT_MAX_LEASE_MISBALANCE = 15;
    public static final int DEFAULT_MAX_LEASE_OWNERSHIP = 10;
    public static final int DEFAULT_MIN_BALANCE = 60;
    public static final int DEFAULT_MAX_BALANCE = 3600;

    public PeerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(position, "position");
    }

    /** Whether the two declare the same relationship, wherever they are written (a reload that moves
     * the declaration to another line keeps the relationship running). */
    public boolean sameAs(PeerConfig o) {
        return equals(new PeerConfig(o.name, o.role, o.address, o.port, o.peerAddress, o.peerPort, o.maxResponseDelay,
                o.maxUnackedUpdates, o.mclt, o.hba, o.loadBalanceMaxSeconds, o.autoPartnerDown, o.maxLeaseMisbalance,
                o.maxLeaseOwnership, o.minBalance, o.maxBalance, position));
    }

    public Optional<Inet4Address> localAddress() {
        return Optional.ofNullable(address);
    }

    public Optional<Hba> loadBalance() {
        return Optional.ofNullable(hba);
    }
}
