package org.leasehold.failover.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.config.SourcePosition;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.config.PeerConfig;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.link.Transport;
import org.leasehold.failover.internal.state.StateJournal;
import org.leasehold.failover.internal.wire.FailoverCodec;
import org.leasehold.failover.internal.wire.FailoverMessage;
import org.leasehold.failover.internal.wire.MessageType;
import org.leasehold.failover.internal.wire.Messages;
import org.leasehold.failover.internal.wire.OptionCode;

/**
 * A partner that sends garbage: the connection is reset, the relationship lives on and takes the
 * next, well-behaved connection.
 */
class HostilePartnerTest {

    @TempDir
    Path dir;
    final Transport transport = new Transport(1);
    JournalLeaseStore store;
    Relationship secondary;
    int port;

    @AfterEach
    void close() throws Exception {
        secondary.stop().get();
        transport.close();
        store.close();
    }

    void start() throws Exception {
        port = LoopbackPairTest.freePort();
        PeerConfig s = new PeerConfig("fo", Role.SECONDARY, LoopbackPairTest.ip("127.0.0.2"), port,
                LoopbackPairTest.ip("127.0.0.1"), LoopbackPairTest.freePort(), 3, 5, 0, null, 3, 0, 15, 10, 60, 3600,
                new SourcePosition("dhcpd.conf", 1, 1));
        store = new JournalLeaseStore(dir.resolve("leases"));
        secondary = new Relationship(s, transport, store, new StateJournal(dir, "fo"), LoopbackPairTest::now, () -> { });
        secondary.pools(List.of(LoopbackPairTest.POOL));
        secondary.start().get();
    }

    Socket partner() throws IOException {
        Socket sock = new Socket();
        sock.bind(new InetSocketAddress("127.0.0.1", 0));
        sock.connect(new InetSocketAddress("127.0.0.2", port), 5000);
        sock.setSoTimeout(10_000);
        return sock;
    }

    static FailoverMessage read(InputStream in) throws Exception {
        DataInputStream d = new DataInputStream(in);
        int len = d.readUnsignedShort();
        byte[] b = new byte[len];
        b[0] = (byte) (len >> 8);
        b[1] = (byte) len;
        d.readFully(b, 2, len - 2);
        return FailoverCodec.decode(b);
    }

    /** Reads until the stream ends or is reset; true when it did. */
    static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // drain what was sent before the reset
            }
            return true;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void connect(Socket s) throws Exception {
        s.getOutputStream().write(FailoverCodec.encode(Messages.connect(LoopbackPairTest.now(), 1, "fo", 5, 3, 30,
                Hba.split(128))));
        FailoverMessage ack = read(s.getInputStream());
        assertThat(ack.type()).isEqualTo(MessageType.CONNECTACK);
        assertThat(ack.has(OptionCode.REJECT_REASON)).isFalse();
    }

    @Test
    void badLengthResetsAndTheNextConnectionIsServed() throws Exception {
        start();
        try (Socket bad = partner()) {
            bad.getOutputStream().write(HexFormat.of().parseHex("0005ffffff"));
            assertThat(closedByServer(bad)).isTrue();
        }
        try (Socket good = partner()) {
            connect(good);
            await().atMost(Duration.ofSeconds(5)).until(() -> secondary.status().connected());
        }
    }

    @Test
    void malformedOptionAfterTheHandshakeResetsTheLink() throws Exception {
        start();
        try (Socket s = partner()) {
            connect(s);
            await().atMost(Duration.ofSeconds(5)).until(() -> secondary.status().connected());
            // a STATE whose server-state option has two bytes (ISC: "option size" protocol error)
            s.getOutputStream().write(HexFormat.of().parseHex("0012 0a 0c 00000000 00000002 0018 0002 0200"
                    .replace(" ", "")));
            assertThat(closedByServer(s)).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !secondary.status().connected());
        try (Socket again = partner()) {
            connect(again);
        }
    }

    @Test
    void messagesBeforeTheHandshakeAndWrongNamesAreRefused() throws Exception {
        start();
        try (Socket s = partner()) {
            s.getOutputStream().write(FailoverCodec.encode(Messages.bare(MessageType.UPDREQALL, 1, 1)));
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = partner()) {
            s.getOutputStream().write(FailoverCodec.encode(Messages.connect(LoopbackPairTest.now(), 1, "other", 5, 3,
                    30, Hba.split(128))));
            FailoverMessage ack = read(s.getInputStream());
            assertThat(ack.number(OptionCode.REJECT_REASON)).contains(8L);
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = partner()) {
            s.getOutputStream().write(FailoverCodec.encode(Messages.connect(LoopbackPairTest.now() - 3600, 1, "fo", 5,
                    3, 30, Hba.split(128))));
            assertThat(read(s.getInputStream()).number(OptionCode.REJECT_REASON)).as("time mismatch").contains(4L);
        }
        assertThat(secondary.status().connected()).isFalse();
    }
}
