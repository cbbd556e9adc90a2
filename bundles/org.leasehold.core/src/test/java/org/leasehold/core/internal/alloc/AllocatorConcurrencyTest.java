package org.leasehold.core.internal.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Bytes;
import org.junit.jupiter.api.Test;

/** Concurrent requests never get the same address: the bitmap marks an address busy as it is handed out. */
class AllocatorConcurrencyTest {

    private static final AddressUsage EMPTY_STORE = new AddressUsage() {
        @Override
        public Optional<Inet4Address> addressOf(String space, Bytes client) {
            return Optional.empty();
        }

        @Override
        public Holder holder(String space, Inet4Address address) {
            return Holder.FREE;
        }

        @Override
        public long activeMembers(String className) {
            return 0;
        }
    };

    @Test
    void fourThreadsDrainAPoolWithoutDuplicates() throws Exception {
        DhcpConfig config = ConfigParser.parse("c.conf", "subnet 10.0.0.0 netmask 255.255.240.0 { range 10.0.0.1 10.0.15.254; }");
        Allocator allocator = new Allocator(config, EMPTY_STORE);
        int size = (int) config.subnets().get(0).pools().get(0).size();
        Set<Inet4Address> granted = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                start.await();
                int refused = 0;
                for (int i = 0; i < size / 4 + 10; i++) {
                    Bytes client = Bytes.of(new byte[] {1, (byte) thread, (byte) (i >> 8), (byte) i});
                    AllocationResult r = allocator.allocate(new AllocationRequest(config.subnets().get(0), client,
                            Optional.empty(), Classification.NONE, false));
                    if (r instanceof AllocationResult.Allocated a) {
                        assertThat(granted.add(a.address())).as("granted twice: " + a.address()).isTrue();
                    } else {
                        refused++;
                    }
                }
                return refused;
            }));
        }
        start.countDown();
        int refused = 0;
        for (Future<Integer> f : workers) {
            refused += f.get();
        }
        pool.shutdown();

        assertThat(granted).hasSize(size);
        assertThat(refused).isEqualTo(4 * (size / 4 + 10) - size);
    }
}
