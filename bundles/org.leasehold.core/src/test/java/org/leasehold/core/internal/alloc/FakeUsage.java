package org.leasehold.core.internal.alloc;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.leasehold.core.internal.value.Bytes;

/** An in-memory lease view for allocator tests; counts holder look-ups so tests can bound work per request. */
final class FakeUsage implements AddressUsage {

    final Map<String, Holder> holders = new HashMap<>();
    final Map<String, Inet4Address> byClient = new HashMap<>();
    final Map<String, Long> active = new HashMap<>();
    long holderLookups;

    void hold(String space, Inet4Address a, Status status, Bytes client) {
        holders.put(space + "/" + a.getHostAddress(), new Holder(status, client));
        if (client != null) {
            byClient.put(space + "/" + client, a);
        }
    }

    /** Records a grant as the lead would after the lease commits. */
    void commit(AllocationResult result, Bytes client, String... classes) {
        AllocationResult.Allocated a = (AllocationResult.Allocated) result;
        hold(a.space(), a.address(), Status.BUSY, client);
        for (String c : classes) {
            active.merge(c, 1L, Long::sum);
        }
    }

    @Override
    public Optional<Inet4Address> addressOf(String space, Bytes client) {
        return Optional.ofNullable(byClient.get(space + "/" + client));
    }

    @Override
    public Holder holder(String space, Inet4Address address) {
        holderLookups++;
        return holders.getOrDefault(space + "/" + address.getHostAddress(), Holder.FREE);
    }

    @Override
    public long activeMembers(String className) {
        return active.getOrDefault(className, 0L);
    }
}
