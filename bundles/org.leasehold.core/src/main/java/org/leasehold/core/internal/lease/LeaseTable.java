package org.leasehold.core.internal.lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

/**
 * The in-memory lease table with its secondary indexes (by client, by state in end-time order, counts
 * per state).
 *
 * <p>Threading: one writer at a time ({@link #put}, {@link #remove}, {@link #load} are called under the
 * store's append lock); any number of readers, which take no lock and see weakly consistent views
 * built from concurrent collections.
 */
final class LeaseTable {

    /** End time, then key: a unique order for one client's leases (a key has at most one lease). */
    private static final Comparator<Lease> BY_END = (a, b) -> {
        int c = Long.compare(a.endEpochSecond(), b.endEpochSecond());
        if (c != 0) {
            return c;
        }
        LeaseKey x = a.key();
        LeaseKey y = b.key();
        c = Integer.compare(x.address().hashCode(), y.address().hashCode());
        if (c != 0) {
            return c;
        }
        c = x.space().compareTo(y.space());
        return c != 0 ? c : x.compareTo(y);
    };

    private record ClientSlot(String space, ClientKey client) {
        @Override
        public int hashCode() {
            return 31 * space.hashCode() + client.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClientSlot c && c.space.equals(space) && c.client.equals(client);
        }
    }

    private final ConcurrentHashMap<LeaseKey, Lease> leases;
    private final ConcurrentHashMap<ClientSlot, List<LeaseKey>> byClient;
    /**
     * Per state, the leases by end second. One skip-list node per distinct end second, not per lease:
     * leases granted in the same second share a bucket (a hash map), so a commit costs one hash insert
     * instead of a skip-list insertion among thousands of leases that tie on their end second.
     */
    private final Map<LeaseState, ConcurrentSkipListMap<Long, Bucket>> byState = new EnumMap<>(LeaseState.class);

    /**
     * The leases of one end second. A hash map never shrinks its table, and a second that once held
     * fifty thousand grants keeps a quarter-megabyte table while renewals move them out; so a bucket
     * that has fallen to a quarter of its peak is replaced by a right-sized copy (writer only).
     */
    private static final class Bucket {
        final ConcurrentHashMap<LeaseKey, Lease> leases;
        int peak;

        Bucket(ConcurrentHashMap<LeaseKey, Lease> leases) {
            this.leases = leases;
            this.peak = leases.size();
        }
    }
    private final AtomicLongArray counts = new AtomicLongArray(LeaseState.values().length);

    LeaseTable() {
        this(16);
    }

    /**
     * A table sized for about {@code expectedLeases} (growing a hash map to a million entries one
     * doubling at a time was a third of a million-lease replay).
     */
    LeaseTable(int expectedLeases) {
        int capacity = Math.max(16, expectedLeases);
        leases = new ConcurrentHashMap<>(capacity);
        byClient = new ConcurrentHashMap<>(capacity);
        for (LeaseState s : LeaseState.values()) {
            byState.put(s, new ConcurrentSkipListMap<>());
        }
    }

    /**
     * The primary map, for the replay to fill directly (at open, before any reader exists; saves a
     * second million-entry map). Call {@link #buildIndexes()} afterwards.
     */
    Map<LeaseKey, Lease> replayTarget() {
        return leases;
    }

    /** Indexes what the replay put into the primary map. */
    void buildIndexes() {
        // The two indexes are independent concurrent collections: build them side by side.
        CompletableFuture<Void> states = CompletableFuture.runAsync(this::buildStateIndex);
        leases.values().forEach(this::indexClient);
        states.join();
    }

    /** The state index, each end second's bucket made at its final size (growing it by doublings costs more). */
    private void buildStateIndex() {
        Map<LeaseState, Map<Long, int[]>> sizes = new EnumMap<>(LeaseState.class);
        leases.values().forEach(l -> sizes.computeIfAbsent(l.state(), s -> new HashMap<>())
                .computeIfAbsent(l.endEpochSecond(), e -> new int[1])[0]++);
        sizes.forEach((state, ends) -> {
            ConcurrentSkipListMap<Long, Bucket> index = byState.get(state);
            ends.forEach((end, n) -> index.put(end, new Bucket(new ConcurrentHashMap<>(n[0]))));
        });
        leases.values().forEach(this::indexState);
    }

    /** Stores {@code lease}; returns the lease it replaced, or null. Writer only. */
    Lease put(Lease lease) {
        Lease current = leases.get(lease.key());
        if (current != null && current.key() != lease.key()) {
            // keep one key object per address: the map's node already holds the first one, and a
            // renewal's lease would otherwise keep a second (about 56 bytes a lease after a renewal)
            lease = new Lease(current.key(), lease.state(), lease.client(), lease.hardware(), lease.startEpochSecond(),
                    lease.endEpochSecond(), lease.hostname(), lease.subnet(), lease.pool(), lease.relayAgentInfo(),
                    lease.classes(), lease.bootp(), lease.variables());
        }
        Lease old = leases.put(lease.key(), lease);
        // a renewal keeps its client: its entry in the client index stays as it is
        boolean sameClient = old != null && Objects.equals(old.client(), lease.client());
        if (old != null) {
            unindexState(old);
            if (!sameClient) {
                unindexClient(old);
            }
        }
        indexState(lease);
        if (!sameClient) {
            indexClient(lease);
        }
        return old;
    }

    /** Removes the lease of {@code key}; returns it, or null. Writer only. */
    Lease remove(LeaseKey key) {
        Lease old = leases.remove(key);
        if (old != null) {
            unindex(old);
        }
        return old;
    }

    private void indexState(Lease l) {
        Bucket bucket = byState.get(l.state()).computeIfAbsent(l.endEpochSecond(), k -> new Bucket(new ConcurrentHashMap<>(4)));
        bucket.leases.put(l.key(), l);
        bucket.peak = Math.max(bucket.peak, bucket.leases.size());
        counts.incrementAndGet(l.state().ordinal());
    }

    private void indexClient(Lease l) {
        if (l.client() == null) {
            return;
        }
        ClientSlot slot = new ClientSlot(l.key().space(), l.client());
        // most clients hold one lease: a plain insert, the merge only on a second one (single writer)
        if (byClient.putIfAbsent(slot, List.of(l.key())) != null) {
            byClient.compute(slot, (s, keys) -> {
                List<LeaseKey> more = new ArrayList<>(keys.size() + 1);
                more.addAll(keys);
                more.add(l.key());
                return List.copyOf(more);
            });
        }
    }

    private void unindex(Lease l) {
        unindexState(l);
        unindexClient(l);
    }

    private void unindexState(Lease l) {
        ConcurrentSkipListMap<Long, Bucket> index = byState.get(l.state());
        Long end = l.endEpochSecond();
        Bucket bucket = index.get(end);
        if (bucket != null && bucket.leases.remove(l.key()) != null) {
            counts.decrementAndGet(l.state().ordinal());
            // single writer: nobody can add to this bucket between the check and the change
            int left = bucket.leases.size();
            if (left == 0) {
                index.remove(end, bucket);
            } else if (bucket.peak >= 256 && left <= bucket.peak / 4) {
                index.replace(end, bucket, new Bucket(new ConcurrentHashMap<>(bucket.leases)));
            }
        }
    }

    private void unindexClient(Lease l) {
        if (l.client() != null) {
            byClient.computeIfPresent(new ClientSlot(l.key().space(), l.client()), (slot, keys) -> {
                List<LeaseKey> fewer = new ArrayList<>(keys);
                fewer.remove(l.key());
                return fewer.isEmpty() ? null : List.copyOf(fewer);
            });
        }
    }

    Optional<Lease> get(LeaseKey key) {
        return Optional.ofNullable(leases.get(key));
    }

    /** The live map's values (weakly consistent iteration); callers must not keep it. */
    Collection<Lease> values() {
        return leases.values();
    }

    int size() {
        return leases.size();
    }

    long count(LeaseState state) {
        return counts.get(state.ordinal());
    }

    /** The client's leases in {@code space}, latest end time first. */
    List<Lease> ofClient(String space, ClientKey client) {
        List<LeaseKey> keys = byClient.get(new ClientSlot(space, client));
        if (keys == null) {
            return List.of();
        }
        List<Lease> found = new ArrayList<>(keys.size());
        for (LeaseKey k : keys) {
            Lease l = leases.get(k);
            if (l != null && client.equals(l.client())) {
                found.add(l);
            }
        }
        found.sort(BY_END.reversed());
        return found;
    }

    /** Active first, then latest end. */
    Optional<Lease> findByClient(String space, ClientKey client) {
        List<Lease> all = ofClient(space, client);
        for (Lease l : all) {
            if (l.state() == LeaseState.ACTIVE) {
                return Optional.of(l);
            }
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Leases in {@code state} ended at {@code nowEpochSecond}, earliest end first. */
    List<Lease> ended(LeaseState state, long nowEpochSecond) {
        List<Lease> out = new ArrayList<>();
        for (Bucket bucket : byState.get(state).headMap(nowEpochSecond, true).values()) {
            for (Lease l : bucket.leases.values()) {
                if (l.endedAt(nowEpochSecond)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** The first lease in {@code state} that passes {@code filter}, by end time (any order within a second). */
    Optional<Lease> firstInState(LeaseState state, Predicate<? super Lease> filter) {
        for (Bucket bucket : byState.get(state).values()) {
            for (Lease l : bucket.leases.values()) {
                if (filter.test(l)) {
                    return Optional.of(l);
                }
            }
        }
        return Optional.empty();
    }
}
