package org.leasehold.benchmarks;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.leasehold.core.internal.alloc.AddressUsage;
import org.leasehold.core.internal.alloc.AllocationRequest;
import org.leasehold.core.internal.alloc.AllocationResult;
import org.leasehold.core.internal.alloc.AllocationResult.Allocated;
import org.leasehold.core.internal.alloc.AllocationResult.Reason;
import org.leasehold.core.internal.alloc.Allocator;
import org.leasehold.core.internal.alloc.PoolStat;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.value.Bytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one address allocation for a new client as the pool fills: the real {@link Allocator} over
 * a parsed dhcpd.conf (one /16 subnet, one range of 65,275 addresses). {@code fillPercent} of the
 * pool is held by distinct clients, at addresses chosen at random (fixed seed) and granted through
 * the allocator itself (option 50), so the busy addresses are scattered as in a pool that has lived a
 * while rather than packed at its start. Each invocation allocates for a client the usage does not
 * know, records the grant and tells the allocator (as the engine does when the lease is stored), then
 * releases it and tells the allocator it is free again, so the fill stays constant. The time is the
 * whole round: allocate plus the two bitmap updates and the two map writes of the stand-in usage.
 * Single-threaded (the allocator's per-pool monitor is uncontended).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllocatorBenchmark {

    static final String CONF = """
            authoritative;
            default-lease-time 600;
            max-lease-time 7200;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.0 198.18.255.250;
            }
            """;
    static final int POOL_SIZE = 65_275;
    /** Clients the benchmark cycles through; none holds an address between invocations. */
    private static final int NEW_CLIENTS = 4096;

    @Param({"1", "50", "90", "99"})
    int fillPercent;

    private MapUsage usage;
    private Allocator allocator;
    private AllocationRequest[] requests;
    private int next;

    /**
     * The allocator's view of the lease store: address to holder and client to address, in plain
     * maps (one thread). Holds only BUSY addresses; a released address is forgotten, which the
     * allocator sees as FREE, and so is its client, which is new again when it next asks.
     */
    static final class MapUsage implements AddressUsage {
        private final String space;
        private final Map<Inet4Address, Holder> holders = new HashMap<>();
        private final Map<Bytes, Inet4Address> byClient = new HashMap<>();

        MapUsage(String space) {
            this.space = space;
        }

        void grant(Inet4Address address, Bytes client) {
            holders.put(address, new Holder(Status.BUSY, client));
            byClient.put(client, address);
        }

        void release(Inet4Address address, Bytes client) {
            holders.remove(address);
            byClient.remove(client);
        }

        int held() {
            return holders.size();
        }

        @Override
        public Optional<Inet4Address> addressOf(String s, Bytes client) {
            return space.equals(s) ? Optional.ofNullable(byClient.get(client)) : Optional.empty();
        }

        @Override
        public Holder holder(String s, Inet4Address address) {
            Holder h = space.equals(s) ? holders.get(address) : null;
            return h == null ? Holder.FREE : h;
        }

        @Override
        public long activeMembers(String className) {
            return 0; // no class limits in this configuration
        }
    }

    @Setup(Level.Trial)
    public void setup() throws ConfigException {
        DhcpConfig config = ConfigParser.parse("allocator-benchmark.conf", CONF);
        SubnetDecl subnet = config.subnets().get(0);
        PoolDecl pool = subnet.pools().get(0);
        if (config.subnets().size() != 1 || subnet.pools().size() != 1 || pool.size() != POOL_SIZE) {
            throw new IllegalStateException("expected one subnet with one pool of " + POOL_SIZE + " addresses");
        }
        usage = new MapUsage(pool.space());
        allocator = new Allocator(config, usage);

        // Scattered fill: a seeded shuffle of the pool's indices, the first fillCount requested by
        // distinct clients (prefix 02:00) and granted through the allocator.
        int fillCount = (int) ((long) POOL_SIZE * fillPercent / 100);
        long first = pool.ranges().get(0).first();
        int[] order = new int[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = POOL_SIZE - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < fillCount; i++) {
            Inet4Address want = Ipv4.of(first + order[i]);
            Bytes client = client(0x00, i);
            AllocationResult r = allocator.allocate(
                    new AllocationRequest(subnet, client, Optional.of(want), Classification.NONE, false));
            if (!(r instanceof Allocated a) || a.reason() != Reason.REQUESTED || !a.address().equals(want)) {
                throw new IllegalStateException("fill " + i + ": expected " + want + " granted, got " + r);
            }
            grant(a, client);
        }
        List<PoolStat> stats = allocator.poolStats();
        if (usage.held() != fillCount || stats.size() != 1 || stats.get(0).busy() != fillCount) {
            throw new IllegalStateException("fill mismatch: wanted " + fillCount + ", usage " + usage.held()
                    + ", bitmap " + stats);
        }

        // New clients (prefix 02:01), cycled; each is released before it comes round again.
        requests = new AllocationRequest[NEW_CLIENTS];
        for (int i = 0; i < NEW_CLIENTS; i++) {
            requests[i] = new AllocationRequest(subnet, client(0x01, i), Optional.empty(), Classification.NONE, false);
        }
        next = 0;
    }

    /** htype 1 followed by a MAC 02:xx:nn:nn:nn:nn, as the engine keys a client without option 61. */
    private static Bytes client(int prefix, int n) {
        return Bytes.of(new byte[] {1, 0x02, (byte) prefix, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8),
            (byte) n});
    }

    /** What the engine does once the lease is stored: the usage holds it, the bitmap says busy. */
    private void grant(Allocated a, Bytes client) {
        usage.grant(a.address(), client);
        allocator.update(a.space(), a.address(), AddressUsage.Status.BUSY);
    }

    @Benchmark
    public Allocated allocateAndRelease() {
        AllocationRequest req = requests[next];
        next = (next + 1) & (NEW_CLIENTS - 1);
        AllocationResult r = allocator.allocate(req);
        if (!(r instanceof Allocated a) || a.reason() != Reason.FREE) {
            throw new IllegalStateException("expected a free address for a new client, got " + r);
        }
        grant(a, req.client());
        usage.release(a.address(), req.client());
        allocator.update(a.space(), a.address(), AddressUsage.Status.FREE);
        return a;
    }
}
