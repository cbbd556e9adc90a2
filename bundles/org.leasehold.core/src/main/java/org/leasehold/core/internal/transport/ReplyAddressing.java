package org.leasehold.core.internal.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;

/**
 * Where a reply goes, per RFC 2131 §4.1 (and RFC 1542 §5.4 for BOOTP). Stateless.
 * <ol>
 * <li>a request from a loopback source (a local tool such as {@code dhcp:probe}, possibly playing
 * a relay): back to its source address and port;</li>
 * <li>relayed ({@code giaddr} set): to the relay, {@code giaddr}:server port (a NAK too; the
 * relay broadcasts it, RFC 2131 §4.3.2 sets the broadcast bit for that);</li>
 * <li>a NAK: broadcast;</li>
 * <li>{@code ciaddr} set (RENEWING, INFORM): unicast to {@code ciaddr}:client port, except an ACK
 * to a REQUEST whose broadcast flag the server set ({@code always-broadcast}): broadcast, as ISC
 * dhcpd's dhcp_reply does;</li>
 * <li>broadcast bit set: broadcast;</li>
 * <li>otherwise RFC 2131 asks for a unicast to {@code yiaddr} at {@code chaddr}. That needs an ARP
 * entry the client cannot answer for yet, which a server on plain UDP sockets cannot create; like
 * ISC dhcpd and Kea without raw sockets, Leasehold broadcasts instead. Clients accept both.</li>
 * </ol>
 */
public final class ReplyAddressing {

    /** 255.255.255.255, the limited broadcast. */
    public static final Inet4Address BROADCAST = address(new byte[] {-1, -1, -1, -1});

    private ReplyAddressing() {
    }

    /** 127.0.0.1. */
    static Inet4Address loopback() {
        return address(new byte[] {127, 0, 0, 1});
    }

    /** 0.0.0.0, the IPv4 wildcard. */
    static Inet4Address any() {
        return address(new byte[4]);
    }

    public static InetSocketAddress destination(DhcpMessage request, DhcpMessage reply, InetSocketAddress sender,
            int serverPort, int clientPort) {
        if (sender != null && sender.getAddress() != null && sender.getAddress().isLoopbackAddress()) {
            return sender;
        }
        if (request.giaddrInt() != 0) {
            return new InetSocketAddress(request.giaddr(), serverPort);
        }
        boolean nak = reply.messageType().filter(MessageType.NAK::equals).isPresent();
        if (nak) {
            return new InetSocketAddress(BROADCAST, clientPort);
        }
        boolean forcedBroadcast = reply.broadcast() && !request.broadcast()
                && request.messageType().filter(MessageType.REQUEST::equals).isPresent();
        if (request.ciaddrInt() != 0 && !forcedBroadcast) {
            return new InetSocketAddress(request.ciaddr(), clientPort);
        }
        return new InetSocketAddress(BROADCAST, clientPort);
    }

    private static Inet4Address address(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
