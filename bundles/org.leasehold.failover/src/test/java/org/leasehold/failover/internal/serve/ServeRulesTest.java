package org.leasehold.failover.internal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.leasehold.api.lease.AllocationPolicy.Availability;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.failover.internal.binding.LeaseBindings;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.wire.ServerState;

/** MCLT, RFC 3074 load balancing, and which addresses each server may give, per state. */
class ServeRulesTest {

    static final long NOW = 1_800_000_000L;

    @Test
    void mcltAsIscAckLeaseComputesIt() {
        // nothing acknowledged: MCLT only
        assertThat(Mclt.allowed(3600, 300, 0, NOW)).isEqualTo(300);
        // acknowledged potential expiry in 1000 s: up to 1000 + MCLT
        assertThat(Mclt.allowed(3600, 300, NOW + 1000, NOW)).isEqualTo(1300);
        // the desired time fits under tsfp + MCLT
        assertThat(Mclt.allowed(600, 300, NOW + 1000, NOW)).isEqualTo(600);
        // shorter than MCLT: never a concern
        assertThat(Mclt.allowed(120, 300, 0, NOW)).isEqualTo(120);
        assertThat(Mclt.allowed(Lease.NEVER, 300, 0, NOW)).isEqualTo(300);
    }

    @Test
    void mcltOnTheCommittedLeaseAsksThePartnerForTheDesiredTime() throws Exception {
        LeaseKey k = LeaseKey.of((java.net.Inet4Address) InetAddress.getByName("198.18.2.5"));
        Lease candidate = Lease.builder(k).state(LeaseState.ACTIVE).client(new ClientKey(new byte[] {1, 2}))
                .start(NOW).end(NOW + 3600).pool("p").build();
        Lease l = Mclt.apply(candidate, null, 300, NOW, true);
        assertThat(l.endEpochSecond()).isEqualTo(NOW + 300);
        assertThat(l.variable(LeaseBindings.TSTP)).contains(Long.toString(NOW + 3600 + 150));
        Lease offer = Mclt.apply(candidate, null, 300, NOW, false);
        assertThat(offer.endEpochSecond()).isEqualTo(NOW + 300);
        assertThat(offer.variable(LeaseBindings.TSTP)).isEmpty();
    }

    @Test
    void loadBalanceHashIsIscs() {
        // loadb_p_hash of an empty key is the mixing table's entry for its length 0 seeding: 0
        assertThat(LoadBalance.bucket(new byte[0], 0)).isZero();
        // one byte 0x00, length 1: MIX[1 ^ 0] = 175
        assertThat(LoadBalance.bucket(new byte[] {0}, 1)).isEqualTo(175);
        // two bytes: hash = MIX[MIX[2 ^ b1] ^ b0]: MIX[2]=119, MIX[119 ^ 1]=MIX[118]
        assertThat(LoadBalance.bucket(new byte[] {1, 0}, 2)).isEqualTo(LoadBalance.bucket(new byte[] {1, 0, 9}, 2));
    }

    @Test
    void splitGivesEachClientToExactlyOneServer() {
        Hba half = Hba.split(128);
        int primary = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] mac = {2, 0, 0, 0, (byte) (i >> 8), (byte) i};
            boolean p = LoadBalance.mine(Role.PRIMARY, half, 3, 0, null, mac, 6);
            boolean s = LoadBalance.mine(Role.SECONDARY, half, 3, 0, null, mac, 6);
            assertThat(p).isNotEqualTo(s);
            primary += p ? 1 : 0;
        }
        assertThat(primary).isBetween(400, 600);
        assertThat(LoadBalance.mine(Role.SECONDARY, Hba.split(256), 3, 0, null, new byte[6], 6)).isFalse();
        assertThat(LoadBalance.mine(Role.SECONDARY, Hba.split(256), 3, 4, null, new byte[6], 6))
                .as("secs past load balance max seconds").isTrue();
        assertThat(LoadBalance.mine(Role.SECONDARY, Hba.split(256), 0, 0, null, new byte[6], 6))
                .as("no load balance max seconds: ISC balances nothing").isTrue();
    }

    @Test
    void theFarmHashIsIndependentOfThePairHashSoBothLevelsSplit() {
        Hba farmHalf = Hba.split(128);
        Hba pairHalf = Hba.split(128);
        int[] cells = new int[4];
        for (int i = 0; i < 4000; i++) {
            byte[] mac = {2, 0, 0, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            boolean farm = LoadBalance.farmMine(farmHalf, null, mac, 6);
            boolean primary = LoadBalance.mine(Role.PRIMARY, pairHalf, 3, 0, null, mac, 6);
            cells[(farm ? 2 : 0) + (primary ? 1 : 0)]++;
        }
        assertThat(Arrays.stream(cells).boxed().toList())
                .as("each farm half and each pair role gets about a quarter of the clients")
                .allSatisfy(n -> assertThat(n).isBetween(800, 1200));
        byte[] id = {1, 2, 0, 0, 0, 0, 7};
        assertThat(LoadBalance.farmMine(null, id, new byte[6], 6)).as("no server-hba: every client").isTrue();
        assertThat(LoadBalance.farmMine(Hba.split(256), id, new byte[6], 6)).isTrue();
        assertThat(LoadBalance.farmMine(Hba.split(0), id, new byte[6], 6)).isFalse();
        int bucket = LoadBalance.farmBucket(id, id.length);
        assertThat(LoadBalance.farmMine(Hba.split(bucket + 1), id, new byte[6], 6)).isTrue();
        assertThat(LoadBalance.farmMine(Hba.split(bucket), id, new byte[6], 6)).as("client id, not chaddr, hashed")
                .isFalse();
    }

    record Views(ServiceView v) implements FailoverPolicy.Views {
        @Override
        public ServiceView forPool(String poolId) {
            return poolId.equals("p") ? v : null;
        }

        @Override
        public long version() {
            return 1;
        }
    }

    static Availability ask(Role role, ServerState state, long stos, LeaseState lease) throws Exception {
        ServiceView v = new ServiceView(role, state, ServerState.NORMAL, stos, 60, Hba.split(128), 3);
        LeaseKey k = LeaseKey.of((java.net.Inet4Address) InetAddress.getByName("198.18.2.5"));
        Lease l = lease == null ? null : Lease.builder(k).state(lease).pool("p").build();
        return new FailoverPolicy(new Views(v)).availability(k, "p", l, NOW);
    }

    @Test
    void freeIsThePrimarysBackupTheSecondarys() throws Exception {
        assertThat(ask(Role.PRIMARY, ServerState.NORMAL, NOW, null)).isEqualTo(Availability.AVAILABLE);
        assertThat(ask(Role.PRIMARY, ServerState.NORMAL, NOW, LeaseState.FREE)).isEqualTo(Availability.AVAILABLE);
        assertThat(ask(Role.PRIMARY, ServerState.NORMAL, NOW, LeaseState.BACKUP)).isEqualTo(Availability.UNAVAILABLE);
        assertThat(ask(Role.SECONDARY, ServerState.NORMAL, NOW, null)).isEqualTo(Availability.UNAVAILABLE);
        assertThat(ask(Role.SECONDARY, ServerState.COMMUNICATIONS_INTERRUPTED, NOW, LeaseState.BACKUP))
                .isEqualTo(Availability.AVAILABLE);
        assertThat(ask(Role.PRIMARY, ServerState.NORMAL, NOW, LeaseState.EXPIRED))
                .as("expired, not yet acknowledged free").isEqualTo(Availability.UNAVAILABLE);
        assertThat(ask(Role.SECONDARY, ServerState.RECOVER, NOW, LeaseState.BACKUP)).isEqualTo(Availability.UNAVAILABLE);
        assertThat(ask(Role.PRIMARY, ServerState.NORMAL, NOW, LeaseState.ABANDONED)).isEqualTo(Availability.DEFAULT);
    }

    @Test
    void partnerDownTakesThePartnersAddressesAfterMclt() throws Exception {
        assertThat(ask(Role.SECONDARY, ServerState.PARTNER_DOWN, NOW - 10, LeaseState.FREE))
                .as("within MCLT of entering partner-down").isEqualTo(Availability.UNAVAILABLE);
        assertThat(ask(Role.SECONDARY, ServerState.PARTNER_DOWN, NOW - 60, LeaseState.FREE))
                .isEqualTo(Availability.AVAILABLE);
        assertThat(ask(Role.SECONDARY, ServerState.PARTNER_DOWN, NOW - 60, LeaseState.EXPIRED))
                .isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void serviceStateFollowsIsc() {
        ServiceView normal = new ServiceView(Role.PRIMARY, ServerState.NORMAL, ServerState.NORMAL, NOW, 60, null, 3);
        assertThat(normal.responding()).isTrue();
        assertThat(normal.balancing()).isTrue();
        assertThat(new ServiceView(Role.PRIMARY, ServerState.NORMAL, ServerState.PARTNER_DOWN, NOW, 60, null, 3)
                .responding()).as("peer demands: recovering").isFalse();
        assertThat(new ServiceView(Role.PRIMARY, ServerState.STARTUP, ServerState.NORMAL, NOW, 60, null, 3)
                .responding()).isFalse();
        ServiceView ci = new ServiceView(Role.PRIMARY, ServerState.COMMUNICATIONS_INTERRUPTED, ServerState.NORMAL, NOW,
                60, null, 3);
        assertThat(ci.responding()).isTrue();
        assertThat(ci.balancing()).isFalse();
    }
}
