package org.leasehold.manager.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.leasehold.api.FailoverControl;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.SourcePosition;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.HardwareAddress;

/**
 * Stand-ins for the core's services in the bundle's unit tests (the real ones run in the Pax Exam and
 * end-to-end tests): a lease table, a configuration that refuses text containing "bogus", a status.
 */
final class TestServices {

    private TestServices() {
    }

    static Inet4Address ip(int n) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 198, (byte) (18 + (n >> 16)), (byte) (n >> 8), (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Lease lease(int n, LeaseState state) {
        byte[] mac = {2, 0, 0, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        return Lease.builder(LeaseKey.of(ip(n))).state(state).hardware(HardwareAddress.ethernet(mac))
                .client(ClientKey.ofHardware(1, mac)).start(1_795_000_000L).end(1_795_003_600L + n)
                .hostname("host " + n + " of the bulk test, padded to make every lease line long enough")
                .subnet("198.18.0.0/15").variables(Map.of("ddns-fwd-name", "h" + n + ".example.org")).build();
    }

    /** A table in memory; its {@link #all()} is never called by the manager (fetch walks {@link #stream()}). */
    static class MemoryStore implements LeaseStore {
        final ConcurrentSkipListMap<LeaseKey, Lease> table = new ConcurrentSkipListMap<>();

        void put(Lease l) {
            table.put(l.key(), l);
        }

        @Override
        public Optional<Lease> get(LeaseKey key) {
            return Optional.ofNullable(table.get(key));
        }

        @Override
        public Optional<Lease> findByClient(String space, ClientKey client) {
            return stream().filter(l -> l.key().space().equals(space) && client.equals(l.client())).findFirst();
        }

        @Override
        public List<Lease> leasesOfClient(String space, ClientKey client) {
            return stream().filter(l -> l.key().space().equals(space) && client.equals(l.client())).toList();
        }

        @Override
        public Collection<Lease> all() {
            throw new AssertionError("the manager must not copy the lease table");
        }

        @Override
        public Stream<Lease> stream() {
            return table.values().stream();
        }

        @Override
        public int size() {
            return table.size();
        }

        @Override
        public long count(LeaseState state) {
            return stream().filter(l -> l.state() == state).count();
        }

        @Override
        public CompletionStage<Lease> commit(Lease lease) {
            put(lease);
            return CompletableFuture.completedFuture(lease);
        }

        @Override
        public CompletionStage<Lease> commit(Lease lease, String origin) {
            return commit(lease);
        }

        @Override
        public CompletionStage<Optional<Lease>> update(LeaseKey key, Function<Optional<Lease>, Optional<Lease>> change,
                String origin) {
            Optional<Lease> l = change.apply(get(key));
            l.ifPresent(this::put);
            return CompletableFuture.completedFuture(l);
        }

        @Override
        public CompletionStage<Boolean> delete(LeaseKey key) {
            return CompletableFuture.completedFuture(table.remove(key) != null);
        }

        @Override
        public List<Lease> expiring(long nowEpochSecond) {
            return List.of();
        }

        @Override
        public Optional<Lease> firstInState(LeaseState state, Predicate<? super Lease> filter) {
            return Optional.empty();
        }
    }

    /** {@code n} leases made as the walk reaches them and held nowhere; counts how many were made. */
    static final class GeneratedStore extends MemoryStore {
        final int n;
        final AtomicInteger made = new AtomicInteger();

        GeneratedStore(int n) {
            this.n = n;
        }

        @Override
        public Stream<Lease> stream() {
            return IntStream.range(0, n).mapToObj(i -> {
                made.incrementAndGet();
                return lease(i, i % 10 == 0 ? LeaseState.EXPIRED : LeaseState.ACTIVE);
            });
        }
    }

    /** Refuses any text holding "bogus" at its line; otherwise that text is in force. */
    static final class Config implements ConfigurationService {
        volatile String text = "subnet 198.18.0.0 netmask 255.254.0.0 { }\n";
        volatile int reloads;

        @Override
        public DhcpdConf current() {
            return (DhcpdConf) java.lang.reflect.Proxy.newProxyInstance(DhcpdConf.class.getClassLoader(),
                    new Class<?>[] {DhcpdConf.class}, (p, m, a) -> m.getName().equals("source") ? "/etc/dhcpd.conf" : null);
        }

        @Override
        public List<ConfigProblem> reload() {
            reloads++;
            return check("/etc/dhcpd.conf", text);
        }

        @Override
        public List<ConfigProblem> check(String name, String candidate) {
            List<ConfigProblem> problems = new ArrayList<>();
            String[] lines = candidate.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                int col = lines[i].indexOf("bogus");
                if (col >= 0) {
                    problems.add(new ConfigProblem(new SourcePosition(name, i + 1, col + 1),
                            "unknown statement 'bogus'"));
                }
            }
            return problems;
        }

        @Override
        public List<ConfigProblem> apply(String candidate) {
            List<ConfigProblem> problems = check("/etc/dhcpd.conf", candidate);
            if (problems.isEmpty()) {
                text = candidate;
            }
            return problems;
        }
    }

    static ServerInfo info(String config) {
        return () -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("listen", "0.0.0.0 port 67 (clients 68)");
            m.put("config", config);
            return m;
        };
    }

    /** One relationship "pair": partner-down moves once; updates are refused while "not connected". */
    static final class Failover implements FailoverControl {
        volatile boolean down;

        @Override
        public List<String> peers() {
            return List.of("pair");
        }

        @Override
        public CompletionStage<String> partnerDown(String peer) {
            if (!peer.equals("pair")) {
                return CompletableFuture.failedFuture(new java.util.NoSuchElementException("No failover peer \"" + peer + "\""));
            }
            boolean moved = !down;
            down = true;
            return CompletableFuture.completedFuture(moved ? "pair: partner-down" : "pair: not moved");
        }

        @Override
        public CompletionStage<String> requestUpdates(String peer, boolean all) {
            return CompletableFuture.failedFuture(new IllegalStateException("the partner is not connected"));
        }
    }
}
