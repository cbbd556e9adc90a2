package org.leasehold.leasequery.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.message.HardwareAddress;

/**
 * Which lease keys carry a hardware address: the store indexes leases by client key only, and a client
 * that sends option 61 is keyed by it, so a query by MAC needs this. Built from the store at start
 * and kept up by {@link LeaseChange}s. It may hold stale keys (a change that raced the first scan);
 * readers check each candidate against the store. Thread-safe; never blocks.
 */
final class HardwareIndex {

    private final ConcurrentHashMap<HardwareAddress, Set<LeaseKey>> keys = new ConcurrentHashMap<>();

    void addAll(Collection<Lease> leases) {
        leases.forEach(this::add);
    }

    void changed(LeaseChange change) {
        Lease before = change.before();
        Lease after = change.after();
        if (before != null && before.hardware() != null
                && (after == null || !before.hardware().equals(after.hardware()))) {
            keys.computeIfPresent(before.hardware(), (hw, set) -> {
                set.remove(before.key());
                return set.isEmpty() ? null : set;
            });
        }
        if (after != null) {
            add(after);
        }
    }

    private void add(Lease l) {
        if (l.hardware() != null) {
            keys.computeIfAbsent(l.hardware(), hw -> ConcurrentHashMap.newKeySet()).add(l.key());
        }
    }

    Collection<LeaseKey> candidates(HardwareAddress hw) {
        Set<LeaseKey> set = keys.get(hw);
        return set == null ? List.of() : List.copyOf(set);
    }

    int size() {
        return keys.size();
    }
}
