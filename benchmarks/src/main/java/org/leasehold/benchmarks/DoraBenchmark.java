package org.leasehold.benchmarks;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.engine.ConfigView;
import org.leasehold.core.internal.engine.DhcpEngine;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.lease.JournalOptions;
import org.leasehold.core.internal.transport.Endpoint;
import org.leasehold.core.internal.transport.ListenSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One relayed DORA exchange through the server's real engine ({@link DhcpEngine}) and lease journal
 * (default {@link JournalOptions}: group commit, fdatasync before the ACK leaves), without sockets:
 * the datagrams are handed to the engine as the transport hands them, the replies taken from its
 * endpoint. An op is DISCOVER, the OFFER, a selecting REQUEST for the offered address, the ACK. Clients
 * cycle over 50,000 MACs of a 64,000-address pool, so after the first cycle every exchange is a
 * returning client getting its address again (a renewal-heavy day rather than a first boot).
 *
 * <p>Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per DORA by every
 * thread of the JVM (the packet path and the journal writer). The requests are encoded in set-up;
 * only the REQUEST's requested-address and the xid bytes are patched per op, so the figure is the
 * server's own, not the load generator's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DoraBenchmark {

    static final int CLIENTS = 50_000;
    private static final String CONFIG = """
            authoritative;
            default-lease-time 3600;
            option domain-name "bench.invalid";
            subnet 10.20.0.0 netmask 255.255.0.0 {
              range 10.20.0.10 10.20.250.250;
              option routers 10.20.0.1;
              option domain-name-servers 10.20.0.2, 10.20.0.3;
            }
            """;
    private static final int XID_OFFSET = 4;
    private static final int YIADDR_OFFSET = 16;

    private Path dir;
    private JournalLeaseStore store;
    private DhcpEngine engine;
    private Endpoint endpoint;
    private InetSocketAddress relay;
    private byte[][] discovers;
    private byte[][] requests;
    private int[] requestedAt;
    private int next;
    private int xid;
    private volatile byte[] reply;
    private volatile Thread waiter;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Inet4Address server = (Inet4Address) InetAddress.getByName("10.20.0.3");
        Inet4Address giaddr = (Inet4Address) InetAddress.getByName("10.20.0.1");
        dir = Files.createTempDirectory(Path.of("/tmp"), "leasehold-jmh-dora-");
        store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS);
        ConfigView view = new ConfigView(ConfigParser.parse("bench", CONFIG));
        engine = new DhcpEngine(() -> view, store, () -> null, () -> System.currentTimeMillis() / 1000, 67, 68);
        ListenSpec spec = new ListenSpec("bench", Optional.of(server), Optional.empty(), List.of(server), false);
        endpoint = new Endpoint(spec, Runnable::run, (payload, to) -> {
            reply = payload;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }, "bench");
        relay = new InetSocketAddress(giaddr, 67);
        discovers = new byte[CLIENTS][];
        requests = new byte[CLIENTS][];
        requestedAt = new int[CLIENTS];
        Inet4Address placeholder = (Inet4Address) InetAddress.getByName("10.20.255.254");
        for (int i = 0; i < CLIENTS; i++) {
            byte[] mac = {0x02, 0x4a, 0x4d, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            discovers[i] = DhcpCodec.encode(message(mac, giaddr, MessageType.DISCOVER, null, null));
            requests[i] = DhcpCodec.encode(message(mac, giaddr, MessageType.REQUEST, placeholder, server));
            requestedAt[i] = indexOf(requests[i], new byte[] {50, 4, 10, 20, (byte) 255, (byte) 254}) + 2;
        }
    }

    private static DhcpMessage message(byte[] mac, Inet4Address giaddr, MessageType type, Inet4Address requested,
            Inet4Address server) {
        DhcpOptions.Builder o = DhcpOptions.builder().add(DhcpOption.ofUint8(53, type.code()))
                .add(DhcpOption.of(61, new byte[] {1, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]}))
                .add(DhcpOption.of(55, new byte[] {1, 3, 6, 15, 28, 51, 54, 58, 59}))
                .add(DhcpOption.of(12, "bench-host".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        if (requested != null) {
            o.add(DhcpOption.ofAddress(50, requested)).add(DhcpOption.ofAddress(54, server));
        }
        return DhcpMessage.builder().xid(1).hops(1).chaddr(mac).giaddr(giaddr).options(o.build()).build();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 240; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("option 50 placeholder not found");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (store != null) {
                System.out.printf("%nleases in the store: %d%n", store.size());
                store.close();
            }
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Benchmark
    public int dora() {
        int client = next;
        next = client + 1 == CLIENTS ? 0 : client + 1;
        byte[] offer = exchange(discovers[client]);
        byte[] request = requests[client];
        System.arraycopy(offer, YIADDR_OFFSET, request, requestedAt[client], 4);
        byte[] ack = exchange(request);
        return ack[YIADDR_OFFSET + 3];
    }

    /** Sends one datagram (a fresh xid) and waits for the engine's reply to it. */
    private byte[] exchange(byte[] datagram) {
        int id = ++xid;
        datagram[XID_OFFSET] = (byte) (id >>> 24);
        datagram[XID_OFFSET + 1] = (byte) (id >>> 16);
        datagram[XID_OFFSET + 2] = (byte) (id >>> 8);
        datagram[XID_OFFSET + 3] = (byte) id;
        reply = null;
        waiter = Thread.currentThread();
        engine.receive(endpoint, ByteBuffer.wrap(datagram), relay);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        byte[] r;
        while ((r = reply) == null || xidOf(r) != id) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no reply to xid " + id);
            }
            // woken by the endpoint's sender (unpark) as the reply arrives; the bound only ends a lost one
            LockSupport.parkNanos(this, left);
        }
        return r;
    }

    private static int xidOf(byte[] m) {
        return (m[XID_OFFSET] & 0xff) << 24 | (m[XID_OFFSET + 1] & 0xff) << 16 | (m[XID_OFFSET + 2] & 0xff) << 8
                | (m[XID_OFFSET + 3] & 0xff);
    }
}
