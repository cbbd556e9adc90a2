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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
import org.leasehold.testing.Packets;

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

    static byte[] message(int xid, MessageType type) throws Exception {
        return DhcpCodec.encode(DhcpMessage.builder().xid(xid).hops(1)
                .giaddr((java.net.Inet4Address) InetAddress.getByName("198.51.100.1"))
                .hardwareAddress(HardwareAddress.parse("02:00:00:00:00:01"))
                .options(DhcpOptions.of(DhcpOption.ofUint8(53, type.code()))).build());
    }

    @Test
    void aSocketThatFallsBehindShedsDiscoversAndServesEveryRequest() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        DatagramSink slow = (endpoint, payload, sender) -> {
            byte[] raw = new byte[payload.remaining()];
            payload.get(raw);
            int xid = java.nio.ByteBuffer.wrap(raw, 4, 4).getInt();
            if (xid == 0) {
                try {
                    release.await(20, java.util.concurrent.TimeUnit.SECONDS); // the server falls behind
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            delivered.add(xid);
        };
        try (UdpTransport transport = new UdpTransport(1, UdpTransport.MAX_READ);
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            transport.bind(List.of(ListenSpec.resolve("127.0.0.1")), port, slow);
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            byte[] first = message(0, MessageType.DISCOVER);
            client.send(new DatagramPacket(first, first.length, server));
            await().atMost(Duration.ofSeconds(10)).until(() -> transport.received() == 1);
            for (int i = 1; i <= 600; i++) {
                byte[] d = message(i, MessageType.DISCOVER);
                client.send(new DatagramPacket(d, d.length, server));
            }
            for (int i = 1001; i <= 1020; i++) {
                byte[] r = message(i, MessageType.REQUEST);
                client.send(new DatagramPacket(r, r.length, server));
            }
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> transport.received() == 621);
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() + transport.shedDiscovers() == 621);
            assertThat(delivered).as("every REQUEST served").containsAll(java.util.stream.IntStream.rangeClosed(1001,
                    1020).boxed().toList());
            assertThat(transport.shedDiscovers()).as("DISCOVERs read while the socket stayed behind").isPositive();
            assertThat(delivered.stream().filter(x -> x > 0 && x <= 600).count()).as("DISCOVERs of the first read served")
                    .isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void onlyADiscoverIsRecognisedUndecoded() throws Exception {
        assertThat(Shedding.isDiscover(java.nio.ByteBuffer.wrap(message(1, MessageType.DISCOVER)))).isTrue();
        assertThat(Shedding.isDiscover(java.nio.ByteBuffer.wrap(message(1, MessageType.REQUEST)))).isFalse();
        assertThat(Shedding.isDiscover(java.nio.ByteBuffer.wrap(message(1, MessageType.INFORM)))).isFalse();
        byte[] cut = Arrays.copyOf(message(1, MessageType.DISCOVER), 241);
        assertThat(Shedding.isDiscover(java.nio.ByteBuffer.wrap(cut))).isFalse();
        assertThat(Shedding.isDiscover(java.nio.ByteBuffer.wrap(new byte[4]))).isFalse();
        byte[] reply = message(1, MessageType.DISCOVER);
        reply[0] = 2;
        assertThat(Shedding.isDiscover(java.nio.ByteBuffer.wrap(reply))).as("a BOOTREPLY").isFalse();
        for (String real : List.of("dhcrelay-discover.hex", "relay82probe-discover.hex", "dhcpcd-inform.hex")) {
            byte[] wire = DhcpCodec.encode(Packets.real(real));
            assertThat(Shedding.isDiscover(java.nio.ByteBuffer.wrap(wire))).as(real).isEqualTo(real.contains("discover"));
        }
    }
}
