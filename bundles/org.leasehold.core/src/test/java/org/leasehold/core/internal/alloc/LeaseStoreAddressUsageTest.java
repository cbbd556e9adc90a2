package org.leasehold.core.internal.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.AddressUsage.Status;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.value.Bytes;
import org.junit.jupiter.api.Test;

class LeaseStoreAddressUsageTest {

    private final List<Lease> leases = new ArrayList<>();

    /** Just the reads the adapter makes, over a list. */
    private LeaseStore store() {
        return (LeaseStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LeaseStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "all" -> List.copyOf(leases);
                    case "get" -> leases.stream().filter(l -> l.key().equals(args[0])).findFirst();
                    case "findByClient" -> leases.stream()
                            .filter(l -> l.key().space().equals(args[0]) && args[1].equals(l.client())).findFirst();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Inet4Address ip(String s) {
        return Ipv4.of(Ipv4.parse(s));
    }

    private static Lease lease(String space, String address, LeaseState state, byte[] client, Set<String> classes) {
        return Lease.builder(new LeaseKey(space, ip(address))).state(state).client(new ClientKey(client))
                .classes(classes).build();
    }

    @Test
    void mapsStatesClientsAndCountsActiveClassMembers() {
        byte[] c1 = {1, 0, 0, 0, 0, 0, 1};
        leases.add(lease("A", "10.0.0.1", LeaseState.ACTIVE, c1, Set.of("A", "A:01")));
        leases.add(lease("", "10.0.0.2", LeaseState.ABANDONED, new byte[] {9}, Set.of()));
        leases.add(lease("", "10.0.0.3", LeaseState.EXPIRED, new byte[] {8}, Set.of("A")));
        LeaseStoreAddressUsage usage = new LeaseStoreAddressUsage(store());

        assertThat(usage.holder("A", ip("10.0.0.1"))).isEqualTo(new AddressUsage.Holder(Status.BUSY, Bytes.of(c1)));
        assertThat(usage.holder("B", ip("10.0.0.1"))).isEqualTo(AddressUsage.Holder.FREE);
        assertThat(usage.holder("", ip("10.0.0.2")).status()).isEqualTo(Status.ABANDONED);
        assertThat(usage.holder("", ip("10.0.0.3")).status()).isEqualTo(Status.FREE);
        assertThat(usage.addressOf("A", Bytes.of(c1))).contains(ip("10.0.0.1"));
        assertThat(usage.activeMembers("A")).isEqualTo(1);
        assertThat(usage.activeMembers("A:01")).isEqualTo(1);

        usage.leaseChanged(leases.get(0), leases.get(0).withState(LeaseState.RELEASED));

        assertThat(usage.activeMembers("A")).isZero();
    }

    @Test
    void loadIntoMarksTheAllocatorsBitmaps() throws Exception {
        leases.add(lease("", "10.0.0.10", LeaseState.ACTIVE, new byte[] {1}, Set.of()));
        DhcpConfig config = ConfigParser.parse("l.conf", "subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.11; }");
        LeaseStoreAddressUsage usage = new LeaseStoreAddressUsage(store());
        Allocator allocator = new Allocator(config, usage);

        usage.loadInto(allocator);
        AllocationResult r = allocator.allocate(new AllocationRequest(config.subnets().get(0), Bytes.of(new byte[] {2}),
                Optional.empty(), Classification.NONE, false));

        assertThat(allocator.poolStats().get(0).busy()).isEqualTo(2);
        assertThat(((AllocationResult.Allocated) r).address()).isEqualTo(ip("10.0.0.11"));
    }
}
