package org.leasehold.core.internal.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseChange.Cause;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/** Durable lease changes reach listeners in journal order with their cause and origin. */
class LeaseChangesTest {

    @TempDir
    Path dir;

    static LeaseKey key(int i) throws Exception {
        return LeaseKey.of((Inet4Address) InetAddress.getByName("198.18.1." + i));
    }

    static Lease active(int i, int client, long end) throws Exception {
        return Lease.builder(key(i)).state(LeaseState.ACTIVE).client(ClientKey.ofHardware(1, new byte[] {2, 0, 0, 0, 0,
                (byte) client})).start(100).end(end).build();
    }

    @Test
    void causesFollowFromBeforeAndAfterForEveryOrigin() throws Exception {
        Lease a = active(1, 1, 200);
        assertThat(LeaseChanges.cause(null, a, LeaseChange.ENGINE)).isEqualTo(Cause.GRANTED);
        assertThat(LeaseChanges.cause(a, a.withEnd(300), LeaseChange.ENGINE)).isEqualTo(Cause.RENEWED);
        assertThat(LeaseChanges.cause(a, active(1, 2, 300), "failover")).isEqualTo(Cause.GRANTED);
        assertThat(LeaseChanges.cause(a, a.withState(LeaseState.RELEASED), LeaseChange.ENGINE)).isEqualTo(Cause.RELEASED);
        assertThat(LeaseChanges.cause(a, a.withState(LeaseState.EXPIRED), LeaseChange.ENGINE)).isEqualTo(Cause.EXPIRED);
        assertThat(LeaseChanges.cause(a, a.withState(LeaseState.ABANDONED), LeaseChange.ENGINE)).isEqualTo(Cause.DECLINED);
        assertThat(LeaseChanges.cause(a, a.withState(LeaseState.BACKUP), "failover")).isEqualTo(Cause.UPDATED);
        assertThat(LeaseChanges.cause(a, null, "api")).isEqualTo(Cause.DELETED);
    }

    @Test
    void listenersSeeEveryDurableChangeInOrderAndTheAllocatorOnlyOthersChanges() throws Exception {
        Capabilities caps = new Capabilities();
        List<LeaseChange> seen = new CopyOnWriteArrayList<>();
        caps.bindListener(seen::add);
        List<Lease> allocatorTold = new CopyOnWriteArrayList<>();
        List<Lease> allocatorGone = new CopyOnWriteArrayList<>();
        try (JournalLeaseStore store = new JournalLeaseStore(dir);
             LeaseChanges changes = new LeaseChanges(caps, allocatorTold::add, allocatorGone::add)) {
            store.observe(changes);
            Lease a = active(1, 1, 200);
            store.commit(a).toCompletableFuture().join();
            store.commit(a.withEnd(400)).toCompletableFuture().join();
            Optional<Lease> updated = store.update(a.key(), cur -> cur.map(l -> l.withVariable("failover.acked", "400")),
                    "failover").toCompletableFuture().join();
            assertThat(updated.orElseThrow().variable("failover.acked")).contains("400");
            assertThat(store.update(key(9), cur -> Optional.empty(), "failover").toCompletableFuture().join()).isEmpty();
            store.delete(a.key()).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 4);
            assertThat(seen).extracting(LeaseChange::cause)
                    .containsExactly(Cause.GRANTED, Cause.RENEWED, Cause.RENEWED, Cause.DELETED);
            assertThat(seen).extracting(LeaseChange::origin).containsExactly("engine", "engine", "failover", "api");
            assertThat(seen.get(2).before().endEpochSecond()).isEqualTo(400);
            assertThat(allocatorTold).hasSize(1);
            assertThat(allocatorGone).hasSize(1);
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir)) {
            assertThat(reopened.size()).isZero();
        }
    }

    @Test
    void anUpdateIsAtomicAgainstConcurrentCommitsOfTheKey() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            Lease a = active(1, 1, 200);
            store.commit(a).toCompletableFuture().join();
            int n = 200;
            Thread renewer = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    store.update(a.key(), cur -> cur.map(l -> l.withEnd(l.endEpochSecond() + 1)), "engine");
                }
            });
            renewer.start();
            for (int i = 0; i < n; i++) {
                store.update(a.key(), cur -> cur.map(l -> l.withVariable("n",
                        Integer.toString(Integer.parseInt(l.variable("n").orElse("0")) + 1))), "failover");
            }
            renewer.join();
            store.update(a.key(), cur -> cur, "sync").toCompletableFuture().join();
            Lease last = store.get(a.key()).orElseThrow();
            assertThat(last.endEpochSecond()).isEqualTo(200 + n);
            assertThat(last.variable("n")).contains(Integer.toString(n));
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir)) {
            assertThat(reopened.get(key(1)).orElseThrow().variable("n")).contains("200");
        }
    }
}
