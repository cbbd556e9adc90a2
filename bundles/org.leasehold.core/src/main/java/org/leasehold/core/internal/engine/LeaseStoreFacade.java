package org.leasehold.core.internal.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;

/**
 * Lets the server component publish its lease store as a {@link LeaseStore} service (DS
 * registers the component object itself) without exposing how it opens and closes the journal.
 * Thread-safe as the store it delegates to.
 */
public abstract class LeaseStoreFacade implements LeaseStore {

    /** The origin of commits made through the service without naming one. */
    public static final String API_ORIGIN = "api";

    /** The store every call goes to. */
    protected abstract LeaseStore store();

    @Override
    public Optional<Lease> get(LeaseKey key) {
        return store().get(key);
    }

    @Override
    public Optional<Lease> findByClient(String space, ClientKey client) {
        return store().findByClient(space, client);
    }

    @Override
    public List<Lease> leasesOfClient(String space, ClientKey client) {
        return store().leasesOfClient(space, client);
    }

    @Override
    public Collection<Lease> all() {
        return store().all();
    }

    @Override
    public Stream<Lease> stream() {
        return store().stream();
    }

    @Override
    public int size() {
        return store().size();
    }

    @Override
    public long count(LeaseState state) {
        return store().count(state);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> synced() {
        return store().synced();
    }

    /** A commit through the service: origin {@value #API_ORIGIN}. */
    @Override
    public CompletionStage<Lease> commit(Lease lease) {
        return store().commit(lease, API_ORIGIN);
    }

    @Override
    public CompletionStage<Lease> commit(Lease lease, String origin) {
        return store().commit(lease, origin);
    }

    @Override
    public CompletionStage<Optional<Lease>> update(LeaseKey key, Function<Optional<Lease>, Optional<Lease>> change,
            String origin) {
        return store().update(key, change, origin);
    }

    @Override
    public CompletionStage<Boolean> delete(LeaseKey key) {
        return store().delete(key);
    }

    @Override
    public List<Lease> expiring(long nowEpochSecond) {
        return store().expiring(nowEpochSecond);
    }

    @Override
    public Optional<Lease> firstInState(LeaseState state, Predicate<? super Lease> filter) {
        return store().firstInState(state, filter);
    }
}
