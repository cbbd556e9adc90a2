package org.leasehold.core.internal.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.LeaseKey;

/**
 * Addresses offered but not yet requested. Offers are not written to the lease journal (a lost
 * offer costs the client one more DISCOVER); this keeps two clients from being offered the same
 * address meanwhile. Thread-safe, lock-free reads.
 */
final class OfferCache {

    /** How long an offer holds its address, as ISC's default offer wait. */
    static final long HOLD_SECONDS = 30;

    private record Offer(ClientKey client, long untilEpochSecond) {
    }

    private final Map<LeaseKey, Offer> offers = new ConcurrentHashMap<>();
    private final Map<ClientKey, LeaseKey> byClient = new ConcurrentHashMap<>();

    void hold(LeaseKey key, ClientKey client, long now) {
        LeaseKey previous = byClient.put(client, key);
        if (previous != null && !previous.equals(key)) {
            offers.remove(previous);
        }
        offers.put(key, new Offer(client, now + HOLD_SECONDS));
    }

    /** Whether another client holds a live offer of this address. */
    boolean heldByOther(LeaseKey key, ClientKey client, long now) {
        Offer o = offers.get(key);
        return o != null && o.untilEpochSecond > now && !o.client.equals(client);
    }

    /** The address last offered to this client, if the offer is still live. */
    Optional<LeaseKey> offeredTo(ClientKey client, long now) {
        LeaseKey key = byClient.get(client);
        if (key == null) {
            return Optional.empty();
        }
        Offer o = offers.get(key);
        return o != null && o.untilEpochSecond > now && o.client.equals(client) ? Optional.of(key) : Optional.empty();
    }

    /** Forgets the client's offer (it chose another server, or it was committed). */
    void release(ClientKey client) {
        LeaseKey key = byClient.remove(client);
        if (key != null) {
            offers.computeIfPresent(key, (k, o) -> o.client.equals(client) ? null : o);
        }
    }

    /** Drops expired offers; called by the periodic sweep. */
    void purge(long now) {
        offers.entrySet().removeIf(e -> e.getValue().untilEpochSecond <= now);
        byClient.entrySet().removeIf(e -> !offers.containsKey(e.getValue()));
    }

    int size() {
        return offers.size();
    }
}
