package org.leasehold.core.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.engine.ConfigView;
import org.leasehold.core.internal.engine.DhcpEngine;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/** The real transport and engine over loopback UDP: what dhcp:probe does. */
class UdpTransportTest {

    @TempDir
    Path dir;

    @Test
    void relayedDiscoverOverLoopbackIsOfferedBackToTheSenderAndGarbageIsCounted() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ConfigView view = new ConfigView(ConfigParser.parse("t.conf", """
                subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.100 198.51.100.200; }
                """));
        try (JournalLeaseStore store = new JournalLeaseStore(dir);
             UdpTransport transport = new UdpTransport(1);
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DhcpEngine engine = new DhcpEngine(() -> view, store, () -> null, () -> 1_800_000_000L, port, port + 1);
            transport.bind(List.of(ListenSpec.resolve("127.0.0.1")), port, engine);
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

            byte[] junk = {1, 2, 3, 4};
            client.send(new DatagramPacket(junk, junk.length, server));
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.stats().get("drop.decode") == 1);

            DhcpMessage discover = DhcpMessage.builder().xid(77).hops(1)
                    .giaddr((java.net.Inet4Address) InetAddress.getByName("198.51.100.1"))
                    .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:01"))
                    .options(DhcpOptions.of(DhcpOption.ofUint8(53, MessageType.DISCOVER.code()))).build();
            byte[] out = DhcpCodec.encode(discover);
            client.setSoTimeout(10_000);
            client.send(new DatagramPacket(out, out.length, server));
            byte[] buf = new byte[1500];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            client.receive(in);
            DhcpMessage offer = DhcpCodec.decode(Arrays.copyOf(in.getData(), in.getLength()));
            assertThat(offer.xid()).isEqualTo(77);
            assertThat(offer.messageType()).contains(MessageType.OFFER);
            assertThat(offer.yiaddr().getHostAddress()).startsWith("198.51.100.");
            assertThat(offer.options().address(54)).contains((java.net.Inet4Address) InetAddress.getLoopbackAddress());
            assertThat(transport.received()).isEqualTo(2);
        }
    }
}
