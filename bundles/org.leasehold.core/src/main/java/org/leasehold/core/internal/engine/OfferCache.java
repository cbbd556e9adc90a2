package org.leasehold.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
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

    /** Holds {@code key} for the client; returns the address it held before, if it was another one. */
    Optional<LeaseKey> hold(LeaseKey key, ClientKey client, long now) {
        offers.put(key, new Offer(client, now + HOLD_SECONDS));
        LeaseKey previous = byClient.put(client, key);
        if (previous != null && !previous.equals(key)) {
            offers.remove(previous);
            return Optional.of(previous);
        }
        return Optional.empty();
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

    /** The client a live offer of this address is held for. */
    Optional<ClientKey> holder(LeaseKey key, long now) {
        Offer o = offers.get(key);
        return o != null && o.untilEpochSecond > now ? Optional.of(o.client) : Optional.empty();
    }

    /** Forgets the client's offer (it chose another server, or it was committed); returns its address. */
    Optional<LeaseKey> release(ClientKey client) {
        LeaseKey key = byClient.remove(client);
        if (key != null) {
            offers.computeIfPresent(key, (k, o) -> o.client.equals(client) ? null : o);
        }
        return Optional.ofNullable(key);
    }

    /** Drops expired offers (called by the periodic sweep); returns their addresses. */
    List<LeaseKey> purge(long now) {
        List<LeaseKey> gone = new ArrayList<>();
        offers.forEach((k, o) -> {
            if (o.untilEpochSecond <= now && offers.remove(k, o)) {
                gone.add(k);
            }
        });
        byClient.entrySet().removeIf(e -> !offers.containsKey(e.getValue()));
        return gone;
    }

    /** Every address currently offered. */
    List<LeaseKey> offered() {
        return List.copyOf(offers.keySet());
    }

    int size() {
        return offers.size();
    }
}
