package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

/**
 * The state index of {@link LeaseTable} (one bucket per end second) and the client index that a
 * renewal no longer rewrites: counts, expiry scans and client lookups through put, replace, renewal,
 * state change, client change and remove.
 */
class LeaseTableIndexTest {

    private static final long T0 = TestLeases.T0;

    private static ClientKey client(int n) {
        HardwareAddress hw = TestLeases.mac(n);
        return ClientKey.ofHardware(hw.htype(), hw.bytes());
    }

    /** A lease of address {@code addr} for client {@code clientN}, in {@code state}, ending at T0 + {@code end}. */
    private static Lease lease(int addr, int clientN, LeaseState state, long end) {
        HardwareAddress hw = TestLeases.mac(clientN);
        return Lease.builder(TestLeases.key(addr)).state(state).client(client(clientN)).hardware(hw)
                .start(T0).end(end == Lease.NEVER ? Lease.NEVER : T0 + end).hostname("h" + addr).subnet("10.0.0.0/8")
                .pool("p1").build();
    }

    private static Lease active(int addr, long end) {
        return lease(addr, addr, LeaseState.ACTIVE, end);
    }

    private static void assertCounts(LeaseTable t, Map<LeaseState, Long> expected) {
        for (LeaseState s : LeaseState.values()) {
            assertThat(t.count(s)).as("count(%s)", s).isEqualTo(expected.getOrDefault(s, 0L));
        }
    }

    private static Map<LeaseState, Long> counts(Object... stateThenCount) {
        Map<LeaseState, Long> m = new EnumMap<>(LeaseState.class);
        for (int i = 0; i < stateThenCount.length; i += 2) {
            m.put((LeaseState) stateThenCount[i], ((Number) stateThenCount[i + 1]).longValue());
        }
        return m;
    }

    // ---- count(state) ----------------------------------------------------------------------------

    @Test
    void countsFollowPutReplaceRenewalStateChangeAndRemove() {
        LeaseTable t = new LeaseTable();
        assertCounts(t, counts());

        t.put(active(1, 100));
        t.put(active(2, 100));
        t.put(active(3, 200));
        assertCounts(t, counts(LeaseState.ACTIVE, 3));

        // the same lease put again: replaced, not counted twice
        assertThat(t.put(active(1, 100))).isEqualTo(active(1, 100));
        assertCounts(t, counts(LeaseState.ACTIVE, 3));

        // renewal: same key, same client, new end second
        t.put(active(1, 300));
        assertCounts(t, counts(LeaseState.ACTIVE, 3));
        // renewal into a second another lease already uses, and back
        t.put(active(2, 200));
        t.put(active(2, 100));
        assertCounts(t, counts(LeaseState.ACTIVE, 3));

        // state change, same end
        t.put(active(3, 200).withState(LeaseState.EXPIRED));
        assertCounts(t, counts(LeaseState.ACTIVE, 2, LeaseState.EXPIRED, 1));
        // state change and new end
        t.put(lease(2, 2, LeaseState.RELEASED, 150));
        assertCounts(t, counts(LeaseState.ACTIVE, 1, LeaseState.EXPIRED, 1, LeaseState.RELEASED, 1));
        t.put(lease(3, 3, LeaseState.FREE, 150));
        assertCounts(t, counts(LeaseState.ACTIVE, 1, LeaseState.FREE, 1, LeaseState.RELEASED, 1));

        // remove, and removing what is not there
        assertThat(t.remove(TestLeases.key(2))).isNotNull();
        assertThat(t.remove(TestLeases.key(2))).isNull();
        assertThat(t.remove(TestLeases.key(99))).isNull();
        assertCounts(t, counts(LeaseState.ACTIVE, 1, LeaseState.FREE, 1));
        t.remove(TestLeases.key(1));
        t.remove(TestLeases.key(3));
        assertCounts(t, counts());
        assertThat(t.size()).isZero();
        assertThat(t.ended(LeaseState.ACTIVE, Long.MAX_VALUE - 1)).isEmpty();
        assertThat(t.firstInState(LeaseState.FREE, l -> true)).isEmpty();
    }

    @Test
    void countsMatchTheTableThroughARandomHistory() {
        randomHistory(7, 200, 8, 20_000, false);
    }

    @Test
    void largeBucketsThatDrainAndAreResizedStayRight() {
        // many addresses moving from second to second in phases: buckets of hundreds that fill and drain
        randomHistory(11, 3_000, 4, 40_000, true);
    }

    /**
     * Random puts and removes checked against a plain map. {@code phased}: mostly ACTIVE leases whose
     * end second advances through {@code seconds} phases, so that each second's bucket fills and drains.
     */
    private static void randomHistory(long seed, int addresses, int seconds, int steps, boolean phased) {
        LeaseTable t = new LeaseTable();
        Map<LeaseKey, Lease> model = new HashMap<>();
        Random random = new Random(seed);
        LeaseState[] states = LeaseState.values();
        for (int step = 0; step < steps; step++) {
            int addr = random.nextInt(addresses);
            if (random.nextInt(5) == 0) {
                Lease old = model.remove(TestLeases.key(addr));
                assertThat(t.remove(TestLeases.key(addr))).isEqualTo(old);
            } else {
                // few distinct seconds, so buckets are shared, emptied and refilled all the time
                long end = random.nextInt(10) == 0 ? Lease.NEVER
                        : phased ? (long) step * seconds / steps : random.nextInt(seconds);
                LeaseState state = phased && random.nextInt(10) < 8 ? LeaseState.ACTIVE : states[random.nextInt(states.length)];
                Lease l = lease(addr, random.nextInt(3) == 0 ? addr + 100_000 : addr, state, end);
                Lease old = model.put(l.key(), l);
                assertThat(t.put(l)).isEqualTo(old);
            }
            if (step % 500 == 0 || step > steps - 100) {
                checkAgainstModel(t, model);
            }
        }
        checkAgainstModel(t, model);
    }

    private static void checkAgainstModel(LeaseTable t, Map<LeaseKey, Lease> model) {
        assertThat(t.size()).isEqualTo(model.size());
        for (LeaseState s : LeaseState.values()) {
            long n = model.values().stream().filter(l -> l.state() == s).count();
            assertThat(t.count(s)).as("count(%s)", s).isEqualTo(n);
            for (long now : new long[] {T0 - 1, T0, T0 + 1, T0 + 2, T0 + 3, T0 + 7, Long.MAX_VALUE - 1}) {
                List<Lease> expected = model.values().stream().filter(l -> l.state() == s && l.endedAt(now)).toList();
                assertThat(t.ended(s, now)).as("ended(%s, %d)", s, now).containsExactlyInAnyOrderElementsOf(expected);
            }
            Optional<Lease> first = t.firstInState(s, l -> true);
            Optional<Long> earliest = model.values().stream().filter(l -> l.state() == s)
                    .map(Lease::endEpochSecond).min(Long::compare);
            assertThat(first.map(Lease::endEpochSecond)).as("firstInState(%s)", s).isEqualTo(earliest);
            first.ifPresent(l -> assertThat(model.get(l.key())).isEqualTo(l));
        }
    }

    // ---- ended(state, now) -----------------------------------------------------------------------

    @Test
    void endedReturnsExactlyTheLeasesEndedByNowIncludingSharedSeconds() {
        LeaseTable t = new LeaseTable();
        List<Lease> at100 = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Lease l = active(i, 100);
            at100.add(l);
            t.put(l);
        }
        Lease at99 = active(50, 99);
        Lease at101 = active(51, 101);
        Lease never = active(52, Lease.NEVER);
        Lease expiredAt50 = lease(53, 53, LeaseState.EXPIRED, 50);
        t.put(at99);
        t.put(at101);
        t.put(never);
        t.put(expiredAt50);

        assertThat(t.ended(LeaseState.ACTIVE, T0 + 98)).isEmpty();
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 99)).containsExactly(at99);

        List<Lease> upTo100 = new ArrayList<>(List.of(at99));
        upTo100.addAll(at100);
        List<Lease> ended100 = t.ended(LeaseState.ACTIVE, T0 + 100);
        assertThat(ended100).containsExactlyInAnyOrderElementsOf(upTo100);
        // earliest end first
        assertThat(ended100.get(0)).isEqualTo(at99);
        assertThat(ended100).extracting(Lease::endEpochSecond).isSorted();

        List<Lease> upTo101 = new ArrayList<>(upTo100);
        upTo101.add(at101);
        List<Lease> ended101 = t.ended(LeaseState.ACTIVE, T0 + 101);
        assertThat(ended101).containsExactlyInAnyOrderElementsOf(upTo101);
        assertThat(ended101.get(ended101.size() - 1)).isEqualTo(at101);
        assertThat(ended101).extracting(Lease::endEpochSecond).isSorted();

        // an infinite lease never ends, however late it is
        assertThat(t.ended(LeaseState.ACTIVE, Long.MAX_VALUE - 1)).containsExactlyInAnyOrderElementsOf(upTo101);
        assertThat(t.ended(LeaseState.ACTIVE, Long.MAX_VALUE)).doesNotContain(never)
                .containsExactlyInAnyOrderElementsOf(upTo101);

        // other states are indexed apart
        assertThat(t.ended(LeaseState.EXPIRED, T0 + 1_000)).containsExactly(expiredAt50);
        assertThat(t.ended(LeaseState.EXPIRED, T0 + 49)).isEmpty();
        assertThat(t.ended(LeaseState.FREE, T0 + 1_000)).isEmpty();
    }

    @Test
    void renewalMovesALeaseOutOfItsOldSecond() {
        LeaseTable t = new LeaseTable();
        t.put(active(1, 100));
        t.put(active(2, 100));
        Lease renewed = active(1, 500);
        t.put(renewed);

        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactly(active(2, 100));
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 499)).containsExactly(active(2, 100));
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 500)).containsExactlyInAnyOrder(active(2, 100), renewed);

        // renewed earlier again, into the second it left
        Lease shortened = active(1, 100);
        t.put(shortened);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactlyInAnyOrder(active(2, 100), shortened);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 1_000)).hasSize(2);
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(2);
    }

    @Test
    void aStateChangeMovesALeaseToTheOtherStatesIndex() {
        LeaseTable t = new LeaseTable();
        t.put(active(1, 100));
        t.put(active(2, 100));
        Lease expired = active(1, 100).withState(LeaseState.EXPIRED);
        t.put(expired);

        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactly(active(2, 100));
        assertThat(t.ended(LeaseState.EXPIRED, T0 + 100)).containsExactly(expired);
        assertThat(t.firstInState(LeaseState.EXPIRED, l -> true)).contains(expired);
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> l.key().equals(TestLeases.key(1)))).isEmpty();
    }

    // ---- firstInState ----------------------------------------------------------------------------

    @Test
    void firstInStateIsTheEarliestEndPassingTheFilter() {
        LeaseTable t = new LeaseTable();
        // put out of order, several per second
        t.put(lease(1, 1, LeaseState.FREE, 300));
        t.put(lease(2, 2, LeaseState.FREE, 100));
        t.put(lease(3, 3, LeaseState.FREE, 200));
        t.put(lease(4, 4, LeaseState.FREE, 100));
        t.put(lease(5, 5, LeaseState.FREE, 200));
        t.put(lease(6, 6, LeaseState.FREE, Lease.NEVER));
        t.put(lease(7, 7, LeaseState.ACTIVE, 50));

        assertThat(t.firstInState(LeaseState.FREE, l -> true).map(Lease::endEpochSecond)).contains(T0 + 100);
        assertThat(t.firstInState(LeaseState.FREE, l -> true).map(l -> l.key())).get()
                .isIn(TestLeases.key(2), TestLeases.key(4));
        assertThat(t.firstInState(LeaseState.FREE, l -> l.key().equals(TestLeases.key(4)))).contains(lease(4, 4,
                LeaseState.FREE, 100));
        // everything of the first second filtered out: the next second
        assertThat(t.firstInState(LeaseState.FREE, l -> l.endEpochSecond() != T0 + 100).map(Lease::endEpochSecond))
                .contains(T0 + 200);
        assertThat(t.firstInState(LeaseState.FREE, l -> l.key().equals(TestLeases.key(1)))).contains(lease(1, 1,
                LeaseState.FREE, 300));
        // an infinite lease comes last
        assertThat(t.firstInState(LeaseState.FREE, l -> l.endEpochSecond() > T0 + 300)).contains(lease(6, 6,
                LeaseState.FREE, Lease.NEVER));
        assertThat(t.firstInState(LeaseState.FREE, l -> false)).isEmpty();
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> true)).contains(lease(7, 7, LeaseState.ACTIVE, 50));
        assertThat(t.firstInState(LeaseState.BACKUP, l -> true)).isEmpty();
    }

    @Test
    void emptiedSecondsLeaveNoStaleLeases() {
        LeaseTable t = new LeaseTable();
        for (int i = 0; i < 10; i++) {
            t.put(active(i, 100));
        }
        Lease later = active(10, 200);
        t.put(later);

        for (int i = 0; i < 10; i++) {
            t.remove(TestLeases.key(i));
        }
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).isEmpty();
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 200)).containsExactly(later);
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> true)).contains(later);
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(1);

        // emptied by renewal and by state change instead of removal
        for (int i = 0; i < 5; i++) {
            t.put(active(i, 100));
        }
        for (int i = 5; i < 10; i++) {
            t.put(lease(i, i, LeaseState.FREE, 100));
        }
        for (int i = 0; i < 5; i++) {
            t.put(active(i, 300));
        }
        for (int i = 5; i < 10; i++) {
            t.put(lease(i, i, LeaseState.ABANDONED, 100));
        }
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).isEmpty();
        assertThat(t.ended(LeaseState.FREE, T0 + 100)).isEmpty();
        assertThat(t.firstInState(LeaseState.FREE, l -> true)).isEmpty();
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> true)).contains(later);
        assertThat(t.ended(LeaseState.ABANDONED, T0 + 100)).hasSize(5);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 300)).hasSize(6);

        // the second can be used again after it was emptied
        Lease back = active(20, 100);
        t.put(back);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactly(back);
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> true)).contains(back);
    }

    @Test
    void aBigSecondThatDrainsByRenewalsKeepsExactlyItsRemainingLeases() {
        LeaseTable t = new LeaseTable();
        for (int i = 0; i < 400; i++) {
            t.put(active(i, 100));
        }
        // renew three quarters out of the second (past the point where its bucket is re-made smaller)
        for (int i = 0; i < 300; i++) {
            t.put(active(i, 200));
            if (i == 298 || i == 299) {
                assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).hasSize(400 - i - 1);
            }
        }
        List<Lease> remaining = new ArrayList<>();
        for (int i = 300; i < 400; i++) {
            remaining.add(active(i, 100));
        }
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactlyInAnyOrderElementsOf(remaining);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 200)).hasSize(400);
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(400);
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> true).map(Lease::endEpochSecond)).contains(T0 + 100);
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> l.key().equals(TestLeases.key(350)))).contains(active(350, 100));

        // the re-made bucket still takes removals, renewals into it and new leases
        t.remove(TestLeases.key(300));
        t.put(active(301, 200));
        t.put(active(0, 100));
        t.put(active(1_000, 100));
        remaining.remove(active(300, 100));
        remaining.remove(active(301, 100));
        remaining.add(active(0, 100));
        remaining.add(active(1_000, 100));
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactlyInAnyOrderElementsOf(remaining);
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(400);

        // and empties completely
        for (Lease l : remaining) {
            t.put(l.withEnd(T0 + 300));
        }
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).isEmpty();
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 199)).isEmpty();
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> true).map(Lease::endEpochSecond)).contains(T0 + 200);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 300)).hasSize(400);
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(400);
    }

    @Test
    void replacingALeaseWithItsOwnValueLeavesOneEntry() {
        LeaseTable t = new LeaseTable();
        Lease l = active(1, 100);
        t.put(l);
        t.put(l);
        t.put(active(1, 100));

        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactly(l);
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(1);
        t.remove(l.key());
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).isEmpty();
        assertThat(t.firstInState(LeaseState.ACTIVE, x -> true)).isEmpty();
        assertThat(t.count(LeaseState.ACTIVE)).isZero();
    }

    // ---- client index ----------------------------------------------------------------------------

    @Test
    void renewalBySameClientKeepsItFindable() {
        LeaseTable t = new LeaseTable();
        Lease first = active(1, 100);
        t.put(first);
        Lease renewed = active(1, 400).withHostname("renamed");
        t.put(renewed);

        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(1))).contains(renewed);
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(1))).containsExactly(renewed);

        // a renewal that also changes the state (ACTIVE -> EXPIRED -> ACTIVE) keeps it too
        t.put(renewed.withState(LeaseState.EXPIRED));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(1))).containsExactly(renewed.withState(LeaseState.EXPIRED));
        t.put(renewed);
        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(1))).contains(renewed);
    }

    @Test
    void aClientWithSeveralLeasesSeesEachRenewalOnce() {
        LeaseTable t = new LeaseTable();
        Lease a = lease(1, 7, LeaseState.EXPIRED, 100);
        Lease b = lease(2, 7, LeaseState.ACTIVE, 200);
        t.put(a);
        t.put(b);
        for (int i = 0; i < 5; i++) {
            t.put(lease(2, 7, LeaseState.ACTIVE, 200 + i));
            t.put(lease(1, 7, LeaseState.EXPIRED, 100 + i));
        }

        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(7))).containsExactly(lease(2, 7, LeaseState.ACTIVE, 204),
                lease(1, 7, LeaseState.EXPIRED, 104));
        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(7))).contains(lease(2, 7, LeaseState.ACTIVE, 204));

        // the active one expires: latest end first
        t.put(lease(2, 7, LeaseState.EXPIRED, 204));
        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(7))).contains(lease(2, 7, LeaseState.EXPIRED, 204));
        t.remove(TestLeases.key(2));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(7))).containsExactly(lease(1, 7, LeaseState.EXPIRED, 104));
    }

    @Test
    void anAddressThatMovesToAnotherClientIsNoLongerTheOldClients() {
        LeaseTable t = new LeaseTable();
        t.put(lease(1, 100, LeaseState.ACTIVE, 100));
        t.put(lease(1, 200, LeaseState.ACTIVE, 300));

        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(100))).isEmpty();
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(100))).isEmpty();
        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(200))).contains(lease(1, 200, LeaseState.ACTIVE, 300));

        // and back to the first client: found once, not twice
        t.put(lease(1, 100, LeaseState.ACTIVE, 400));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(100))).containsExactly(lease(1, 100, LeaseState.ACTIVE, 400));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(200))).isEmpty();
        // a renewal after the move still finds it
        t.put(lease(1, 100, LeaseState.ACTIVE, 500));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(100))).containsExactly(lease(1, 100, LeaseState.ACTIVE, 500));
        t.remove(TestLeases.key(1));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(100))).isEmpty();
        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(100))).isEmpty();
    }

    @Test
    void aLeaseThatLosesOrGainsItsClientIsIndexedAccordingly() {
        LeaseTable t = new LeaseTable();
        Lease owned = active(1, 100);
        t.put(owned);
        Lease free = Lease.builder(TestLeases.key(1)).state(LeaseState.FREE).start(T0).end(T0 + 100)
                .hostname("").subnet("10.0.0.0/8").pool("p1").build();
        t.put(free);

        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(1))).isEmpty();
        assertThat(t.count(LeaseState.FREE)).isEqualTo(1);
        assertThat(t.count(LeaseState.ACTIVE)).isZero();

        // a client-less lease renewed client-less, then given to a client
        t.put(free.withEnd(T0 + 200));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(1))).isEmpty();
        Lease taken = active(1, 300);
        t.put(taken);
        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(1))).contains(taken);
        assertThat(t.ended(LeaseState.FREE, T0 + 1_000)).isEmpty();
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 1_000)).containsExactly(taken);
    }

    @Test
    void theSameAddressInTwoSpacesSharingAnEndSecondIsTwoLeases() {
        LeaseTable t = new LeaseTable();
        LeaseKey plain = TestLeases.key(1);
        LeaseKey other = new LeaseKey("voip", plain.address());
        Lease a = active(1, 100);
        Lease b = Lease.builder(other).state(LeaseState.ACTIVE).client(client(1)).hardware(TestLeases.mac(1)).start(T0)
                .end(T0 + 100).hostname("h1").subnet("10.0.0.0/8").pool("p2").build();
        t.put(a);
        t.put(b);

        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(2);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactlyInAnyOrder(a, b);
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(1))).containsExactly(a);
        assertThat(t.ofClient("voip", client(1))).containsExactly(b);

        // renewing one space's lease leaves the other in its second
        Lease bRenewed = b.withEnd(T0 + 200);
        t.put(bRenewed);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 100)).containsExactly(a);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 200)).containsExactlyInAnyOrder(a, bRenewed);
        t.remove(plain);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 200)).containsExactly(bRenewed);
        assertThat(t.firstInState(LeaseState.ACTIVE, l -> true)).contains(bRenewed);
        assertThat(t.findByClient("voip", client(1))).contains(bRenewed);
        assertThat(t.findByClient(LeaseKey.DEFAULT_SPACE, client(1))).isEmpty();
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(1);
    }

    @Test
    void replayedLeasesAreIndexedLikePutOnes() {
        LeaseTable t = new LeaseTable();
        Map<LeaseKey, Lease> target = t.replayTarget();
        for (int i = 0; i < 100; i++) {
            Lease l = lease(i, i % 10, i % 2 == 0 ? LeaseState.ACTIVE : LeaseState.FREE, i % 4);
            target.put(l.key(), l);
        }
        t.buildIndexes();

        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(50);
        assertThat(t.count(LeaseState.FREE)).isEqualTo(50);
        assertThat(t.ended(LeaseState.ACTIVE, T0 + 3)).hasSize(50);
        assertThat(t.ended(LeaseState.ACTIVE, T0)).hasSize(25);
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(3))).hasSize(10);

        // renewals and moves after the replay
        t.put(lease(0, 0, LeaseState.ACTIVE, 50));
        t.put(lease(10, 99, LeaseState.ACTIVE, 50));
        assertThat(t.ended(LeaseState.ACTIVE, T0)).hasSize(24);
        assertThat(t.count(LeaseState.ACTIVE)).isEqualTo(50);
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(0))).hasSize(9)
                .contains(lease(0, 0, LeaseState.ACTIVE, 50)).extracting(Lease::key).doesNotContain(TestLeases.key(10));
        assertThat(t.ofClient(LeaseKey.DEFAULT_SPACE, client(99))).containsExactly(lease(10, 99, LeaseState.ACTIVE, 50));
    }
}
