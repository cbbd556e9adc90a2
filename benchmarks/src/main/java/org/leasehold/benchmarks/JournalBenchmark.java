package org.leasehold.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.lease.JournalOptions;
import org.leasehold.core.internal.lease.JournalStats;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable commits to the lease journal the server runs ({@link JournalLeaseStore}, default
 * {@link JournalOptions}: group commit, fdatasync before a commit completes), in a fresh directory
 * under /tmp per trial (deleted at tear-down; the numbers are those of the disk behind /tmp).
 * {@code commitAndWait}: one thread commits one ACTIVE lease and waits for it to be durable, so each
 * op is a full write + fdatasync round trip. {@code commitConcurrent}: eight threads do the same, so
 * the writer batches their commits into one fsync (throughput of group commit). Keys cycle over
 * 100,000 addresses of 10.0.0.0/12 from 10.0.0.1, each client always at its own address (renewals
 * once the cycle wraps). Tear-down prints the store's counters (records per fsync shows the batching).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalBenchmark {

    static final int KEYS = 100_000;
    private static final String SUBNET = "10.0.0.0/12";
    private static final int FIRST = 0x0A000001;
    private static final long LEASE_SECONDS = 3600;

    private Path dir;
    private JournalLeaseStore store;
    private LeaseKey[] keys;
    private ClientKey[] clients;
    private HardwareAddress[] hardware;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        keys = new LeaseKey[KEYS];
        clients = new ClientKey[KEYS];
        hardware = new HardwareAddress[KEYS];
        for (int i = 0; i < KEYS; i++) {
            byte[] mac = {0x02, 0x10, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            keys[i] = new LeaseKey("", Ipv4.of(Integer.toUnsignedLong(FIRST + i)));
            clients[i] = ClientKey.ofHardware(1, mac);
            hardware[i] = HardwareAddress.ethernet(mac);
        }
        dir = Files.createTempDirectory(Path.of("/tmp"), "leasehold-jmh-journal-");
        store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (store != null) {
                JournalStats st = store.stats();
                store.close();
                System.out.printf("%njournal: %d records, %d fsyncs (%.1f records/fsync), %d compactions%n",
                        st.records(), st.fsyncs(), (double) st.records() / Math.max(1, st.fsyncs()), st.compactions());
            }
        } finally {
            store = null;
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                dir = null;
            }
        }
    }

    /** The next lease in the cycle, starting now. */
    private Lease nextLease() {
        int i = Math.floorMod(next.getAndIncrement(), KEYS);
        long now = System.currentTimeMillis() / 1000;
        return new Lease(keys[i], LeaseState.ACTIVE, clients[i], hardware[i], now, now + LEASE_SECONDS, "", SUBNET, "",
                null, Set.of(), false);
    }

    @Benchmark
    public Lease commitAndWait() {
        return store.commit(nextLease()).toCompletableFuture().join();
    }

    @Benchmark
    @Threads(8)
    public Lease commitConcurrent() {
        return store.commit(nextLease()).toCompletableFuture().join();
    }

}
