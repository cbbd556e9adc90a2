package org.leasehold.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.engine.ConfigView;
import org.leasehold.core.internal.engine.DhcpEngine;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.lease.JournalOptions;
import org.leasehold.core.internal.transport.Endpoint;
import org.leasehold.core.internal.transport.ListenSpec;
import org.leasehold.core.internal.transport.BindRefusedException;
import org.leasehold.core.internal.transport.UdpTransport;

/**
 * Relayed DORA exchanges and renewals run through a scratch engine on a scratch journal before the
 * sockets open, so the first real clients do not pay for class loading and interpreted code (the
 * first exchange of a fresh JVM takes a quarter of a second, half of it loading classes). Nothing of
 * it reaches the network or the real lease store: its subnet (198.51.100.0/24) exists only in its
 * own configuration, its datagrams stay on 127.0.0.1 between two sockets of its own, and its
 * journal lives in a temporary folder removed afterwards. The server runs it while the real
 * journal replays on another thread.
 */
public final class Rehearsal {

    private static final String CONFIG = """
            authoritative;
            default-lease-time 3600;
            option domain-name "rehearsal.invalid";
            subnet 198.51.100.0 netmask 255.255.255.0 {
              range 198.51.100.10 198.51.100.250;
              option routers 198.51.100.1;
              option domain-name-servers 198.51.100.2;
            }
            """;
    /** Clients per round: the rehearsal pool holds 241 addresses. */
    private static final int MAX_CLIENTS = 240;
    /** Clients in flight at once (a socket buffer's worth of replies, with room to spare). */
    private static final int IN_FLIGHT = 60;
    private static final Inet4Address RELAY = ip("198.51.100.1");
    private static final Inet4Address SERVER = ip("198.51.100.3");

    /** What a rehearsal did: exchanges asked for, ACKs received, milliseconds taken. */
    public record Result(int asked, int acked, long millis) {
    }

    private Rehearsal() {
    }

    /**
     * Runs {@code exchanges} DORA exchanges, each followed by a renewal (at most 240 distinct clients,
     * repeated in rounds), and waits for their ACKs, up to {@code timeoutMillis} in all. With a
     * transport, the datagrams go through a scratch socket of it on 127.0.0.1 (the same read and
     * write path as served sockets); without one, or when that socket cannot be opened, straight into
     * the engine.
     *
     * @param scratchParent folder in which the scratch journal's temporary folder is made
     */
    public static Result run(Path scratchParent, int exchanges, long timeoutMillis, UdpTransport transport)
            throws IOException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Files.createDirectories(scratchParent);
        Path dir = Files.createTempDirectory(scratchParent, "rehearsal");
        int acked = 0;
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS.withCommitDelay(0, 1))) {
            ConfigView view = new ConfigView(ConfigParser.parse("rehearsal", CONFIG));
            Replies replies = new Replies();
            DhcpEngine engine = new DhcpEngine(() -> view, store, () -> null,
                    () -> System.currentTimeMillis() / 1000, 67, 68);
            try (Wire wire = transport == null ? direct(engine, replies) : socket(transport, engine, replies)) {
                int done = 0;
                for (int round = 0; done < exchanges && System.nanoTime() < deadline; round++) {
                    int n = Math.min(MAX_CLIENTS, exchanges - done);
                    for (int first = 0; first < n; first += IN_FLIGHT) {
                        acked += round(wire, replies, round, first, Math.min(n, first + IN_FLIGHT), deadline);
                    }
                    done += n;
                }
            }
        } catch (ConfigException e) {
            throw new IllegalStateException("rehearsal configuration rejected: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(dir);
        }
        return new Result(exchanges, acked, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Carries rehearsal requests to the engine. */
    private interface Wire extends AutoCloseable {
        void send(DhcpMessage request) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Straight into the engine, replies captured as they are sent. */
    private static Wire direct(DhcpEngine engine, Replies replies) {
        ListenSpec spec = new ListenSpec("rehearsal", Optional.of(SERVER), Optional.empty(), List.of(SERVER), false);
        Endpoint endpoint = new Endpoint(spec, Runnable::run, (payload, to) -> replies.add(payload), "rehearsal");
        InetSocketAddress relay = new InetSocketAddress(RELAY, 67);
        return new Wire() {
            @Override
            public void send(DhcpMessage request) {
                engine.receive(endpoint, ByteBuffer.wrap(DhcpCodec.encode(request)), relay);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Through a scratch socket of the transport: a local client socket plays the relay, and replies
     * to a loopback source come back to it (see {@code ReplyAddressing}). Falls back to
     * {@link #direct} when 127.0.0.1 is not usable.
     */
    private static Wire socket(UdpTransport transport, DhcpEngine engine, Replies replies) throws InterruptedException {
        UdpTransport.ScratchSocket server;
        DatagramChannel client;
        try {
            server = transport.openScratch(engine);
        } catch (BindRefusedException | RuntimeException e) {
            return direct(engine, replies);
        }
        try {
            client = DatagramChannel.open(StandardProtocolFamily.INET);
            client.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            client.bind(new InetSocketAddress(server.local().getAddress(), 0));
        } catch (IOException | RuntimeException e) {
            server.close();
            return direct(engine, replies);
        }
        Thread reader = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(2048);
            try {
                while (true) {
                    buf.clear();
                    client.receive(buf);
                    buf.flip();
                    byte[] payload = new byte[buf.remaining()];
                    buf.get(payload);
                    replies.add(payload);
                }
            } catch (IOException closed) {
                // the rehearsal is over
            }
        }, "leasehold-rehearsal");
        reader.setDaemon(true);
        reader.start();
        InetSocketAddress to = server.local();
        return new Wire() {
            @Override
            public void send(DhcpMessage request) throws IOException {
                client.send(ByteBuffer.wrap(DhcpCodec.encode(request)), to);
            }

            @Override
            public void close() throws IOException {
                try {
                    client.close();
                } finally {
                    server.close();
                }
            }
        };
    }

    /** Clients [first, end) of a round: DISCOVER, REQUEST (selecting), then a renewal; returns ACKs seen. */
    private static int round(Wire wire, Replies replies, int round, int first, int end, long deadline)
            throws IOException {
        int base = round * 1_000_000;
        for (int i = first; i < end; i++) {
            wire.send(message(base + i, i, MessageType.DISCOVER, null, null));
        }
        Offered[] offers = new Offered[end];
        for (int i = first; i < end; i++) {
            offers[i] = replies.await(base + i, MessageType.OFFER, deadline);
            if (offers[i] != null) {
                wire.send(message(base + i, i, MessageType.REQUEST, offers[i], null));
            }
        }
        int acks = 0;
        for (int i = first; i < end; i++) {
            Offered ack = offers[i] == null ? null : replies.await(base + i, MessageType.ACK, deadline);
            if (ack != null) {
                acks++;
                // a renewal: ciaddr set, no server identifier or requested address
                wire.send(message(base + 500_000 + i, i, MessageType.REQUEST, null, ack.address));
            } else {
                offers[i] = null;
            }
        }
        for (int i = first; i < end; i++) {
            if (offers[i] != null && replies.await(base + 500_000 + i, MessageType.ACK, deadline) != null) {
                acks++;
            }
        }
        return acks;
    }

    private static DhcpMessage message(int xid, int client, MessageType type, Offered selecting, Inet4Address renewing) {
        byte[] mac = {0x02, 0x52, 0x48, 0x53, (byte) (client >> 8), (byte) client};
        DhcpOptions.Builder o = DhcpOptions.builder().add(DhcpOption.ofUint8(53, type.code()))
                .add(DhcpOption.of(61, new byte[] {1, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]}))
                .add(DhcpOption.of(55, new byte[] {1, 3, 6, 15, 51, 54}));
        if (selecting != null) {
            o.add(DhcpOption.ofAddress(50, selecting.address)).add(DhcpOption.ofAddress(54, selecting.server));
        }
        DhcpMessage.Builder b = DhcpMessage.builder().xid(xid).hops(1).chaddr(mac).giaddr(RELAY).options(o.build());
        if (renewing != null) {
            b.ciaddr(renewing);
        }
        return b.build();
    }

    private record Offered(Inet4Address address, Inet4Address server) {
    }

    /** Replies by transaction id, as the engine sends them (on any thread). */
    private static final class Replies {
        private final ConcurrentHashMap<Integer, DhcpMessage> byXid = new ConcurrentHashMap<>();

        void add(byte[] payload) {
            try {
                DhcpMessage m = DhcpCodec.decode(payload);
                byXid.put(m.xid(), m);
                synchronized (this) {
                    notifyAll();
                }
            } catch (DecodeException e) {
                throw new IllegalStateException("the engine sent an undecodable reply", e);
            }
        }

        /**
         * The reply of type {@code type} to {@code xid}, or null on another type, at the deadline, or
         * after a second without it (a lost datagram must not hold the start for long).
         */
        Offered await(int xid, MessageType type, long deadline) {
            long until = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            synchronized (this) {
                DhcpMessage m;
                while ((m = byXid.remove(xid)) == null) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                if (m.messageType().orElse(null) != type) {
                    return null;
                }
                return new Offered(m.yiaddr(), m.options().address(54).orElse(SERVER));
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover scratch folder in the temporary directory is harmless
        }
    }

    private static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
