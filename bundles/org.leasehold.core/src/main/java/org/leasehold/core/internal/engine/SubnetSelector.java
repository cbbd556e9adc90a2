package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * Which subnet a request belongs to, and which of our addresses answers it. Stateless.
 * <ol>
 * <li>option 118 subnet selection (RFC 3011), if present;</li>
 * <li>relayed: option 82 link selection sub-option 5 (RFC 3527), else {@code giaddr};</li>
 * <li>direct: the subnet of the receiving interface's address (for a loopback socket, a subnet
 * declared for 127.0.0.0/8, if any); for a unicast from a client that already has an address on
 * another subnet of ours (RENEWING through a router), {@code ciaddr}'s.</li>
 * </ol>
 */
final class SubnetSelector {

    Optional<SubnetDecl> select(Exchange x) {
        DhcpMessage m = x.request;
        Optional<Inet4Address> selection = m.options().address(118);
        if (selection.isPresent()) {
            return x.view.subnetContaining(Ipv4.toLong(selection.get()));
        }
        if (m.giaddrInt() != 0) {
            Optional<Inet4Address> link = RelayAgentInformation.from(m).flatMap(RelayAgentInformation::linkSelection);
            return x.view.subnetContaining(link.isPresent() ? Ipv4.toLong(link.get())
                    : Integer.toUnsignedLong(m.giaddrInt()));
        }
        if (x.endpoint != null) {
            for (Inet4Address a : x.endpoint.addresses()) {
                Optional<SubnetDecl> s = x.view.subnetContaining(Ipv4.toLong(a));
                if (s.isPresent()) {
                    if (m.ciaddrInt() != 0 && !s.get().contains(Integer.toUnsignedLong(m.ciaddrInt()))) {
                        return x.view.subnetContaining(Integer.toUnsignedLong(m.ciaddrInt())).or(() -> s);
                    }
                    return s;
                }
            }
        }
        if (m.ciaddrInt() != 0) {
            return x.view.subnetContaining(Integer.toUnsignedLong(m.ciaddrInt()));
        }
        return Optional.empty();
    }

    /**
     * Option 54 for this exchange: {@code server-identifier} from dhcpd.conf, else our address on
     * the client's subnet, else the receiving endpoint's first address.
     */
    Inet4Address serverIdentifier(Exchange x) {
        Optional<String> configured = ConfigView.text(x.scopes(), "server-identifier").filter(Ipv4::isAddress);
        if (configured.isPresent()) {
            return Ipv4.of(Ipv4.parse(configured.get()));
        }
        List<Inet4Address> ours = x.endpoint == null ? List.of() : x.endpoint.addresses();
        for (Inet4Address a : ours) {
            if (x.subnet.filter(s -> s.contains(Ipv4.toLong(a))).isPresent()) {
                return a;
            }
        }
        return ours.isEmpty() ? Ipv4.of(0) : ours.get(0);
    }
}
