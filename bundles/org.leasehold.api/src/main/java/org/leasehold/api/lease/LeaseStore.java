package org.leasehold.api.lease;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The lease table and its durable record.
 *
 * <p>Threading: implementations are thread-safe. Every read is served from memory and never blocks
 * (no lock, no I/O), so it may be called from a Netty event loop. Reads are weakly consistent with
 * concurrent commits: a read sees each lease either before or after a concurrent commit of it, and the
 * secondary views ({@link #findByClient}, {@link #expiring}, {@link #firstInState}, {@link #count})
 * may briefly lag {@link #get}.
 *
 * <p>Durability: {@link #commit} makes the new lease visible to reads at once (so two allocators
 * cannot hand out the same address) and completes its stage only once the record is on stable storage
 * (fsync'd). A DHCPACK must wait for that stage. Stages complete on the store's writer thread: a
 * dependent action attached with a non-async method runs there and must not block; use the
 * {@code *Async} variants for anything slow.
 */
@ProviderType
public interface LeaseStore {

    /** The lease for this address, if the store has one. */
    Optional<Lease> get(LeaseKey key);

    /**
     * The client's lease in an address space, preferring an {@link LeaseState#ACTIVE} one, then the one
     * with the latest end time. Any state counts: an expired or released lease is how a returning
     * client gets its old address back.
     */
    Optional<Lease> findByClient(String space, ClientKey client);

    /** All of the client's leases in an address space (several subnets), latest end time first. */
    List<Lease> leasesOfClient(String space, ClientKey client);

    /** A snapshot of every lease; the caller owns the returned collection. */
    Collection<Lease> all();

    /**
     * Every lease, one at a time, in no particular order, without copying the table: a weakly
     * consistent walk (each lease as it was before or after a concurrent commit of it; a lease committed
     * or deleted during the walk may or may not appear). For walks over large tables (a management
     * fetch of every lease, an export) that must not hold a second copy of it. Never blocks commits.
     * The default streams {@link #all()}'s snapshot; a store that can walk its table in place
     * overrides it. Close the stream when done with it early.
     */
    default Stream<Lease> stream() {
        return all().stream();
    }

    /** Number of leases in the store. */
    int size();

    /** Number of leases in the given state. */
    long count(LeaseState state);

    /**
     * Completes once every change this store has accepted so far is durable (for a journaled store:
     * fsync'd), so that a caller about to answer from what {@link #get} shows, without committing,
     * never answers with a change a crash could still lose. A store with nothing pending completes at
     * once; so does this default, for stores that make every change durable before showing it.
     *
     * @since 0.4.0
     */
    default CompletionStage<Void> synced() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * Stores the lease (replacing any lease with the same key) and completes with it once durable.
     * Fails (exceptionally) if the store is closed or its journal cannot be written. {@link LeaseListener}s
     * see the change with origin {@link LeaseChange#ENGINE} when the core's engine commits, else
     * {@code "api"}; capabilities use {@link #commit(Lease, String)} to name themselves.
     */
    CompletionStage<Lease> commit(Lease lease);

    /**
     * Stores the lease as {@link #commit(Lease)} does, naming who made the change: {@link LeaseListener}s
     * see it as {@link LeaseChange#origin()}, so a capability can tell its own changes from others'
     * (a failover partner's binding update must not be sent back to the partner). The allocator is
     * told of the change like of its own commits.
     */
    CompletionStage<Lease> commit(Lease lease, String origin);

    /**
     * Changes one lease atomically with respect to every other commit of the store: {@code change} gets
     * the current lease of {@code key} (empty when there is none) and returns the lease to store, or
     * empty to leave it as it is. It runs under the store's commit lock, so it must be quick and
     * must not block, and it may run on any thread.
     *
     * <p>Use it where a read-then-commit could overwrite a change made in between (a binding update
     * acknowledged while the client renews).
     *
     * @return completes, once durable, with the lease stored, or empty when {@code change} kept the
     *         lease as it was
     */
    CompletionStage<Optional<Lease>> update(LeaseKey key, Function<Optional<Lease>, Optional<Lease>> change,
            String origin);

    /**
     * Removes the lease for this key, durably; completes with {@code true} if there was one. Used by
     * operators and by configuration changes that drop a range; the engine normally keeps a lease and
     * changes its state instead.
     */
    CompletionStage<Boolean> delete(LeaseKey key);

    /**
     * The {@link LeaseState#ACTIVE} leases whose end time is at or before {@code nowEpochSecond},
     * earliest end first: what an expiry sweep must move to {@link LeaseState#EXPIRED}. Costs time
     * proportional to the result, not to the table.
     */
    List<Lease> expiring(long nowEpochSecond);

    /**
     * The first lease in {@code state}, in order of end time (the one that left service longest ago
     * first, as ISC dhcpd reuses free addresses), that matches {@code filter}. For the free-address
     * reuse policy, e.g. {@code firstInState(FREE, l -> l.pool().equals(pool))}.
     */
    Optional<Lease> firstInState(LeaseState state, Predicate<? super Lease> filter);
}
