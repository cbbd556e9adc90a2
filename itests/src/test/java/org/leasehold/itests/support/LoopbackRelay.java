package org.leasehold.itests.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;

/**
 * A DHCP client on 127.0.0.1 that speaks as a relay (giaddr set, hops 1): a server answers a loopback
 * source back to it, so a test runs whole exchanges against a distribution without leaving the host.
 * Not thread-safe: one per thread.
 */
public final class LoopbackRelay implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetAddress server = InetAddress.getLoopbackAddress();
    private final int port;
    private final Inet4Address giaddr;

    /** A client of the server on 127.0.0.1:{@code port}, relaying for {@code giaddr}; waits {@code timeoutMillis} per answer. */
    public LoopbackRelay(int port, String giaddr, int timeoutMillis) throws IOException {
        this.port = port;
        this.giaddr = (Inet4Address) InetAddress.getByName(giaddr);
        this.socket = new DatagramSocket(0, server);
        socket.setSoTimeout(timeoutMillis);
    }

    /** DISCOVER then REQUEST for the offered address; the ACK, or empty when either answer did not come. */
    public Optional<DhcpMessage> dora(byte[] mac, int xid) throws IOException {
        Optional<DhcpMessage> offer = exchange(request(MessageType.DISCOVER, xid, mac, null, null), xid, MessageType.OFFER);
        if (offer.isEmpty()) {
            return Optional.empty();
        }
        Inet4Address address = offer.get().yiaddr();
        Inet4Address sid = offer.get().options().address(54).orElseThrow();
        return exchange(request(MessageType.REQUEST, xid, mac, address, sid), xid, MessageType.ACK);
    }

    private DhcpMessage request(MessageType type, int xid, byte[] mac, Inet4Address requested, Inet4Address serverId) {
        byte[] chaddr = new byte[16];
        System.arraycopy(mac, 0, chaddr, 0, mac.length);
        DhcpMessage.Builder b = DhcpMessage.builder().op(1).htype(1).hlen(6).hops(1).xid(xid).chaddr(chaddr)
                .giaddr(giaddr).messageType(type);
        if (requested != null) {
            b.option(DhcpOption.ofAddress(50, requested)).option(DhcpOption.ofAddress(54, serverId));
        }
        return b.build();
    }

    /** Sends {@code message}; the first reply with its xid and the expected type, or empty on time-out. */
    private Optional<DhcpMessage> exchange(DhcpMessage message, int xid, MessageType expected) throws IOException {
        byte[] wire = DhcpCodec.encode(message);
        socket.send(new DatagramPacket(wire, wire.length, server, port));
        byte[] buf = new byte[1500];
        while (true) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            try {
                DhcpMessage reply = DhcpCodec.decode(buf, 0, in.getLength());
                if (reply.xid() == xid && reply.messageType().filter(expected::equals).isPresent()) {
                    return Optional.of(reply);
                }
            } catch (DecodeException e) {
                throw new AssertionError("server sent an undecodable reply", e);
            }
        }
    }

    /** {@code 02:0c:...} as the lease table prints it. */
    public static String macText(byte[] mac) {
        StringBuilder s = new StringBuilder();
        for (byte b : mac) {
            s.append(s.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
