package org.leasehold.failover.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.config.AddressRange;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.config.SourcePosition;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.serve.LoadBalance;
import org.leasehold.failover.internal.config.PeerConfig;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.link.Transport;
import org.leasehold.failover.internal.state.StateJournal;
import org.leasehold.failover.internal.wire.ServerState;

/**
 * Two Leasehold relationships over real TCP on loopback, each with the core's real journaled lease
 * store: a new pair goes RECOVER, RECOVER-DONE, NORMAL; a lease granted on one is on the other; the
 * states come back from their journals after a restart.
 */
class LoopbackPairTest {

    @TempDir
    Path dir;
    Transport transport = new Transport(2);
    JournalLeaseStore storeP;
    JournalLeaseStore storeS;
    Relationship primary;
    Relationship secondary;

    static final PoolInfo POOL = new PoolInfo("198.18.0.0/16#1", "198.18.0.0/16", "",
            List.of(new AddressRange(ip("198.18.2.1"), ip("198.18.2.200"))), List.of());

    @AfterEach
    void close() throws Exception {
        for (Relationship r : new Relationship[] {primary, secondary}) {
            if (r != null) {
                r.stop().get();
            }
        }
        transport.close();
        if (storeP != null) {
            storeP.close();
        }
        if (storeS != null) {
            storeS.close();
        }
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void startPair(int portP, int portS) throws Exception {
        SourcePosition at = new SourcePosition("dhcpd.conf", 1, 1);
        PeerConfig p = new PeerConfig("fo", Role.PRIMARY, ip("127.0.0.1"), portP, ip("127.0.0.2"), portS, 3, 5, 2,
                Hba.split(128), 3, 0, 15, 10, 60, 3600, at);
        PeerConfig s = new PeerConfig("fo", Role.SECONDARY, ip("127.0.0.2"), portS, ip("127.0.0.1"), portP, 3, 5, 0,
                null, 3, 0, 15, 10, 60, 3600, at);
        storeP = new JournalLeaseStore(dir.resolve("leases-p"));
        storeS = new JournalLeaseStore(dir.resolve("leases-s"));
        primary = new Relationship(p, transport, storeP, new StateJournal(dir.resolve("state-p"), "fo"), LoopbackPairTest::now, () -> { });
        secondary = new Relationship(s, transport, storeS, new StateJournal(dir.resolve("state-s"), "fo"), LoopbackPairTest::now, () -> { });
        primary.pools(List.of(POOL));
        secondary.pools(List.of(POOL));
        primary.start().get();
        secondary.start().get();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    void awaitNormal() {
        await("both normal").atMost(Duration.ofSeconds(40)).until(() -> normal(primary) && normal(secondary));
    }

    static boolean normal(Relationship r) {
        Relationship.Status s = r.status();
        return s != null && s.state().equals(ServerState.NORMAL) && s.partner().equals(ServerState.NORMAL);
    }

    @Test
    void newPairReachesNormalExchangesBindingsAndComesBackAfterRestart() throws Exception {
        int portP = freePort();
        int portS = freePort();
        startPair(portP, portS);
        awaitNormal();
        assertThat(secondary.status().mclt()).as("the secondary learns the MCLT from CONNECT").isEqualTo(2);
        assertThat(secondary.status().hba()).isEqualTo(Hba.split(128));

        Lease granted = grant("198.18.2.7", new byte[] {2, 0, 0, 0, 0x0c, 0x31});
        LeaseKey key = granted.key();
        await("acknowledged").atMost(Duration.ofSeconds(10)).until(() -> primary.status().acked() >= 1
                && primary.status().unacked() == 0);

        primary.stop().get();
        secondary.stop().get();
        storeP.close();
        storeS.close();
        startPair(portP, portS);
        assertThat(primary.status().state()).isEqualTo(ServerState.STARTUP);
        awaitNormal();
        assertThat(storeS.get(key)).get().extracting(Lease::client).isEqualTo(granted.client());
        assertThat(Map.of("p", primary.status().state(), "s", secondary.status().state()))
                .containsValues(ServerState.NORMAL);
    }

    @Test
    void anOperatorsUpdateRequestIsAnsweredAndCounted() throws Exception {
        startPair(freePort(), freePort());
        awaitNormal();
        grant("198.18.2.7", new byte[] {2, 0, 0, 0, 0x0c, 0x32});
        await("acknowledged").atMost(Duration.ofSeconds(10)).until(() -> primary.status().unacked() == 0
                && primary.status().queued() == 0);
        Relationship.UpdateRequests before = secondary.status().requests();
        long received = secondary.status().received();
        long primarySent = primary.status().sent();
        long primaryAnswered = primary.status().requests().doneSent();

        secondary.requestUpdates(true).get();
        await("UPDDONE after the primary's bindings").atMost(Duration.ofSeconds(10)).until(() ->
                secondary.status().requests().doneReceived() == before.doneReceived() + 1);
        assertThat(secondary.status().requests().allSent()).isEqualTo(before.allSent() + 1);
        assertThat(primary.status().requests().doneSent()).isEqualTo(primaryAnswered + 1);
        assertThat(secondary.status().received() - received).as("every binding of the pool again")
                .isEqualTo(primary.status().sent() - primarySent).isGreaterThanOrEqualTo(1);

        Relationship.UpdateRequests all = secondary.status().requests();
        assertThat(secondary.requestUpdates(false).get()).as("nothing of ours unacknowledged").isZero();
        await("UPDDONE for the UPDREQ").atMost(Duration.ofSeconds(10)).until(() ->
                secondary.status().requests().doneReceived() == all.doneReceived() + 1);
        assertThat(secondary.status().requests().sent()).isEqualTo(all.sent() + 1);
        assertThat(primary.status().requests().received()).isEqualTo(primary.status().requests().doneSent());
        assertThat(Relationship.lines(secondary.status())).containsEntry("update-requests-all-sent",
                Long.toString(before.allSent() + 1)).containsKey("update-done-received");
        Map<String, Double> metrics = new HashMap<>();
        Relationship.metrics(secondary.status(), new MetricSink() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                metrics.put(name + labels.getOrDefault("type", ""), value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                metrics.put(name, value);
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                    long[] counts, long count, double sum) {
            }
        });
        assertThat(metrics).containsEntry("leasehold_failover_update_requests_sent_totalUPDREQALL",
                (double) (before.allSent() + 1))
                .containsEntry("leasehold_failover_update_requests_sent_totalUPDREQ", (double) (all.sent() + 1))
                .containsEntry("leasehold_failover_update_done_received_total", (double) (all.doneReceived() + 1));
    }

    /** A MAC whose RFC 3074 bucket under split 128 is (or is not) the primary's. */
    static byte[] macServedBy(boolean primaryServes, int from) {
        for (int i = from; ; i++) {
            byte[] mac = {2, 0, 0, 0, (byte) (i >> 8), (byte) i};
            if (LoadBalance.primaryServes(Hba.split(128), null, mac, 6) == primaryServes) {
                return mac;
            }
        }
    }

    /** The primary grants {@code mac} an address for 600 s; returns once the secondary holds the same binding. */
    Lease grant(String address, byte[] mac) throws Exception {
        LeaseKey key = LeaseKey.of(ip(address));
        long t = now();
        Lease granted = Lease.builder(key).state(LeaseState.ACTIVE).client(ClientKey.ofHardware(1, mac))
                .hardware(HardwareAddress.ethernet(mac)).start(t).end(t + 600).subnet(POOL.subnet()).pool(POOL.id())
                .build();
        storeP.commit(granted).toCompletableFuture().get();
        // the engine's LeaseListener delivery, as FailoverService does it
        primary.loop().execute(() -> primary.bindings().changed(key));
        await("binding on the secondary").atMost(Duration.ofSeconds(10)).until(() -> storeS.get(key)
                .filter(l -> l.state() == LeaseState.ACTIVE && l.client().equals(granted.client())
                        && l.endEpochSecond() == granted.endEpochSecond()).isPresent());
        return granted;
    }

    /** The primary grants {@code mac} an address, then the lease expires there; returns its key. */
    LeaseKey grantThenExpire(String address, byte[] mac) throws Exception {
        Lease granted = grant(address, mac);
        LeaseKey key = granted.key();
        storeP.commit(granted.toBuilder().state(LeaseState.EXPIRED).end(now()).build()).toCompletableFuture().get();
        primary.loop().execute(() -> primary.bindings().changed(key));
        return key;
    }

    @Test
    void withLeaseAffinityAnExpiredLeaseOfTheSecondarysClientGoesToBackupOnBothServers() throws Exception {
        startPair(freePort(), freePort());
        primary.leaseAffinity(true);
        awaitNormal();
        LeaseKey theirs = grantThenExpire("198.18.2.7", macServedBy(false, 0));
        LeaseKey ours = grantThenExpire("198.18.2.8", macServedBy(true, 0));
        await("the secondary's client's address is BACKUP on both").atMost(Duration.ofSeconds(10)).until(() ->
                state(storeP, theirs) == LeaseState.BACKUP && state(storeS, theirs) == LeaseState.BACKUP);
        await("the primary's client's address is FREE on both").atMost(Duration.ofSeconds(10)).until(() ->
                state(storeP, ours) == LeaseState.FREE && state(storeS, ours) == LeaseState.FREE);
        await("all acknowledged").atMost(Duration.ofSeconds(10)).until(() -> primary.status().unacked() == 0
                && primary.status().queued() == 0);
        assertThat(state(storeP, theirs)).as("stays BACKUP once the partner acknowledged it").isEqualTo(
                LeaseState.BACKUP);
    }

    @Test
    void withoutLeaseAffinityEveryExpiredLeaseBecomesFree() throws Exception {
        startPair(freePort(), freePort());
        awaitNormal();
        LeaseKey theirs = grantThenExpire("198.18.2.7", macServedBy(false, 0));
        await("FREE on both").atMost(Duration.ofSeconds(10)).until(() ->
                state(storeP, theirs) == LeaseState.FREE && state(storeS, theirs) == LeaseState.FREE);
    }

    static LeaseState state(JournalLeaseStore store, LeaseKey key) {
        return store.get(key).map(Lease::state).orElse(null);
    }
}
