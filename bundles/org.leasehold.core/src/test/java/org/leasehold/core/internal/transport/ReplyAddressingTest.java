package org.leasehold.core.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;

class ReplyAddressingTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress(ip("0.0.0.0"), 68);

    @Test
    void relayedRequestGoesBackToTheRelayOnTheServerPort() {
        DhcpMessage req = DhcpMessage.builder().giaddr(ip("198.51.100.1")).ciaddr(ip("198.51.100.7")).build();
        assertThat(ReplyAddressing.destination(req, reply(MessageType.ACK), new InetSocketAddress(ip("198.18.0.254"), 67), 67, 68))
                .isEqualTo(new InetSocketAddress(ip("198.51.100.1"), 67));
    }

    @Test
    void relayedNakAlsoGoesToTheRelay() {
        DhcpMessage req = DhcpMessage.builder().giaddr(ip("198.51.100.1")).build();
        assertThat(ReplyAddressing.destination(req, reply(MessageType.NAK), CLIENT, 67, 68))
                .isEqualTo(new InetSocketAddress(ip("198.51.100.1"), 67));
    }

    @Test
    void nakToADirectClientIsBroadcastEvenWithCiaddr() {
        DhcpMessage req = DhcpMessage.builder().ciaddr(ip("198.18.1.10")).build();
        assertThat(ReplyAddressing.destination(req, reply(MessageType.NAK), CLIENT, 67, 68))
                .isEqualTo(new InetSocketAddress(ReplyAddressing.BROADCAST, 68));
    }

    @Test
    void renewingClientGetsUnicastToCiaddr() {
        DhcpMessage req = DhcpMessage.builder().ciaddr(ip("198.18.1.10")).build();
        assertThat(ReplyAddressing.destination(req, reply(MessageType.ACK), new InetSocketAddress(ip("198.18.1.10"), 68), 67, 68))
                .isEqualTo(new InetSocketAddress(ip("198.18.1.10"), 68));
    }

    @Test
    void clientWithoutAddressIsAnsweredByBroadcastWithOrWithoutTheFlag() {
        DhcpMessage flagged = DhcpMessage.builder().broadcast(true).build();
        DhcpMessage unflagged = DhcpMessage.builder().build();
        InetSocketAddress bcast = new InetSocketAddress(ReplyAddressing.BROADCAST, 68);
        assertThat(ReplyAddressing.destination(flagged, reply(MessageType.OFFER), CLIENT, 67, 68)).isEqualTo(bcast);
        assertThat(ReplyAddressing.destination(unflagged, reply(MessageType.OFFER), CLIENT, 67, 68)).isEqualTo(bcast);
    }

    @Test
    void localToolOnLoopbackIsAnsweredAtItsSourcePort() {
        InetSocketAddress probe = new InetSocketAddress(ip("127.0.0.1"), 40000);
        DhcpMessage req = DhcpMessage.builder().giaddr(ip("198.51.100.1")).build();
        assertThat(ReplyAddressing.destination(req, reply(MessageType.OFFER), probe, 6767, 6768)).isEqualTo(probe);
    }

    @Test
    void clientPortIsTheConfiguredOne() {
        DhcpMessage req = DhcpMessage.builder().ciaddr(ip("198.18.1.10")).build();
        assertThat(ReplyAddressing.destination(req, reply(MessageType.ACK), CLIENT, 6767, 6768).getPort()).isEqualTo(6768);
    }

    private static DhcpMessage reply(MessageType type) {
        return DhcpMessage.builder().op(DhcpMessage.BOOTREPLY).messageType(type).build();
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
