package org.leasehold.core.internal.alloc;

import java.net.Inet4Address;
import java.util.Optional;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.PacketView;

/**
 * Which subnet (and through it, which link) a message comes from. Pure functions; thread-safe.
 */
public final class SubnetSelector {

    private SubnetSelector() {
    }

    /** The most specific subnet containing {@code linkAddress}, if any. */
    public static Optional<SubnetDecl> select(DhcpConfig config, Inet4Address linkAddress) {
        long a = Ipv4.toLong(linkAddress);
        SubnetDecl best = null;
        for (SubnetDecl s : config.subnets()) {
            if (s.contains(a) && (best == null || s.prefixLength() > best.prefixLength())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The address that names the client's link, in the order Kea uses: subnet selection option 118
     * (RFC 3011), relay link selection sub-option 82.5 (RFC 3527), giaddr, then the address of the
     * interface the message arrived on.
     *
     * @param giaddr the message's giaddr (0.0.0.0 when not relayed)
     */
    public static Inet4Address linkAddress(PacketView packet, Inet4Address giaddr, Inet4Address receivingAddress) {
        Optional<Inet4Address> selected = address(packet.option("dhcp", 118))
                .or(() -> address(packet.option("agent", 5)));
        if (selected.isPresent()) {
            return selected.get();
        }
        return Ipv4.toLong(giaddr) != 0 ? giaddr : receivingAddress;
    }

    private static Optional<Inet4Address> address(Optional<Bytes> value) {
        return value.filter(b -> b.length() == 4).map(b -> Ipv4.of(
                ((long) b.get(0) << 24) | (b.get(1) << 16) | (b.get(2) << 8) | b.get(3)));
    }
}
