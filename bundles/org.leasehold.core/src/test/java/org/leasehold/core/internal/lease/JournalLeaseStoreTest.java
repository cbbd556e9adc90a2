package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

class JournalLeaseStoreTest {

    @TempDir
    Path dir;

    private JournalLeaseStore store;

    @BeforeEach
    void open() throws IOException {
        store = new JournalLeaseStore(dir);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private Lease commit(Lease l) {
        return store.commit(l).toCompletableFuture().join();
    }

    @Test
    void commitIsVisibleAndSurvivesReopen() throws IOException {
        Lease l = TestLeases.full(1);
        assertThat(commit(l)).isSameAs(l);
        assertThat(store.get(l.key())).contains(l);
        store.close();
        store = new JournalLeaseStore(dir);
        assertThat(store.get(l.key())).contains(l);
        assertThat(store.all()).containsExactly(l);
        assertThat(store.stats().replayedRecords()).isEqualTo(1);
    }

    @Test
    void streamWalksTheTableInPlaceAndSeesLaterCommits() {
        for (int i = 1; i <= 50; i++) {
            commit(TestLeases.active(i, i));
        }
        assertThat(store.stream().map(Lease::key)).containsExactlyInAnyOrderElementsOf(
                store.all().stream().map(Lease::key).toList());
        java.util.Iterator<Lease> walk = store.stream().iterator();
        walk.next();
        commit(TestLeases.active(51, 51));
        store.delete(TestLeases.key(51)).toCompletableFuture().join();
        int rest = 0;
        while (walk.hasNext()) {
            walk.next();
            rest++;
        }
        assertThat(rest).as("a weakly consistent walk: the other 49, and maybe the one gone meanwhile")
                .isBetween(49, 50);
        assertThat(store.stream().count()).isEqualTo(50);
    }

    @Test
    void findsClientPreferringActiveThenLatestEnd() {
        Lease a = TestLeases.active(1, 100);
        ClientKey client = a.client();
        Lease older = Lease.builder(TestLeases.key(2)).state(LeaseState.EXPIRED).client(client).end(50).build();
        Lease newer = Lease.builder(TestLeases.key(3)).state(LeaseState.RELEASED).client(client)
                .end(TestLeases.T0 + 500).build();
        commit(older);
        commit(newer);
        assertThat(store.findByClient("", client)).contains(newer);
        commit(a);
        assertThat(store.findByClient("", client)).contains(a);
        assertThat(store.leasesOfClient("", client)).containsExactly(newer, a, older);
        assertThat(store.findByClient("other-space", client)).isEmpty();
    }

    @Test
    void clientIndexFollowsReassignmentAndDelete() {
        Lease l = TestLeases.active(1, 1);
        commit(l);
        Lease moved = l.withClient(TestLeases.active(2, 1).client(), TestLeases.mac(2));
        commit(moved);
        assertThat(store.findByClient("", l.client())).isEmpty();
        assertThat(store.findByClient("", moved.client())).contains(moved);
        assertThat(store.delete(l.key()).toCompletableFuture().join()).isTrue();
        assertThat(store.findByClient("", moved.client())).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void countsPerState() {
        for (int i = 0; i < 5; i++) {
            commit(TestLeases.active(i, i));
        }
        commit(TestLeases.active(0, 1).withState(LeaseState.RELEASED));
        commit(Lease.builder(TestLeases.key(9)).build());
        assertThat(store.count(LeaseState.ACTIVE)).isEqualTo(4);
        assertThat(store.count(LeaseState.RELEASED)).isEqualTo(1);
        assertThat(store.count(LeaseState.FREE)).isEqualTo(1);
        assertThat(store.size()).isEqualTo(6);
    }

    @Test
    void expiringListsEndedActiveLeasesEarliestFirst() {
        commit(TestLeases.active(1, 30));
        commit(TestLeases.active(2, 10));
        commit(TestLeases.active(3, 20));
        commit(TestLeases.active(4, 5).withState(LeaseState.RELEASED));
        commit(TestLeases.active(5, 0).withEnd(Lease.NEVER));
        assertThat(store.expiring(TestLeases.T0 + 20)).extracting(Lease::key)
                .containsExactly(TestLeases.key(2), TestLeases.key(3));
        assertThat(store.expiring(TestLeases.T0)).isEmpty();
    }

    @Test
    void firstInStateReusesTheLongestFreeFirst() {
        commit(Lease.builder(TestLeases.key(1)).pool("a").end(300).build());
        commit(Lease.builder(TestLeases.key(2)).pool("b").end(100).build());
        commit(Lease.builder(TestLeases.key(3)).pool("a").end(200).build());
        assertThat(store.firstInState(LeaseState.FREE, l -> true)).map(Lease::key).contains(TestLeases.key(2));
        assertThat(store.firstInState(LeaseState.FREE, l -> l.pool().equals("a"))).map(Lease::key)
                .contains(TestLeases.key(3));
        commit(store.get(TestLeases.key(3)).orElseThrow().withState(LeaseState.ACTIVE));
        assertThat(store.firstInState(LeaseState.FREE, l -> l.pool().equals("a"))).map(Lease::key)
                .contains(TestLeases.key(1));
        assertThat(store.firstInState(LeaseState.BACKUP, l -> true)).isEmpty();
    }

    @Test
    void addressSpacesKeepOverlappingAddressesApart() {
        Lease plain = TestLeases.active(1, 1);
        Lease voip = Lease.builder(new LeaseKey("voip", plain.key().address())).state(LeaseState.ACTIVE)
                .client(plain.client()).build();
        commit(plain);
        commit(voip);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.findByClient("voip", plain.client())).contains(voip);
        assertThat(store.findByClient("", plain.client())).contains(plain);
    }

    @Test
    void commitAfterCloseFails() throws IOException {
        store.close();
        assertThatThrownBy(() -> commit(TestLeases.active(1, 1))).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void oversizedLeaseFailsItsStageNotTheStore() {
        Lease huge = TestLeases.active(1, 1).withHostname("x".repeat(70_000));
        assertThatThrownBy(() -> commit(huge)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(store.get(huge.key())).isEmpty();
        assertThat(commit(TestLeases.active(2, 2))).isNotNull();
    }
}
