package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

class LeaseQueryTest {

    private static final List<Lease> LEASES = new ArrayList<>();

    static {
        for (int i = 0; i < 600; i++) {
            Lease l = TestLeases.active(i, i);
            LEASES.add(i % 3 == 0 ? l.withState(LeaseState.EXPIRED) : l);
        }
        LEASES.add(Lease.builder(new LeaseKey("voip", TestLeases.address(1))).subnet("10.9.0.0/16").build());
    }

    private static LeaseQuery.Page run(LeaseQuery q) {
        return q.page(LEASES, 0, 10_000);
    }

    private static LeaseQuery none() {
        return new LeaseQuery(null, null, null, null, null, null, null);
    }

    @Test
    void matchesAddressOrPrefix() {
        assertThat(run(new LeaseQuery("10.0.1.4", null, null, null, null, null, null)).leases())
                .extracting(Lease::key).containsExactly(TestLeases.key(260));
        assertThat(run(new LeaseQuery("10.0.1.0/24", null, null, null, null, null, null)).total()).isEqualTo(256);
        assertThat(run(new LeaseQuery("10.0.0.1", null, null, null, null, null, null)).total()).isEqualTo(2);
    }

    @Test
    void matchesMacClientIdHostnameStateSubnetSpace() {
        assertThat(run(new LeaseQuery(null, "02-00-00-00-00-07", null, null, null, null, null)).leases())
                .extracting(Lease::key).containsExactly(TestLeases.key(7));
        assertThat(run(new LeaseQuery(null, null, "01020000000008", null, null, null, null)).leases())
                .extracting(Lease::key).containsExactly(TestLeases.key(8));
        assertThat(run(new LeaseQuery(null, null, null, "HOST-12-", null, null, null)).leases())
                .extracting(Lease::key).containsExactly(TestLeases.key(12));
        assertThat(run(new LeaseQuery(null, null, null, null, Set.of(LeaseState.EXPIRED), null, null)).total())
                .isEqualTo(200);
        assertThat(run(new LeaseQuery(null, null, null, null, null, "10.9.0.0/16", null)).total()).isEqualTo(1);
        assertThat(run(new LeaseQuery(null, null, null, null, null, null, "voip")).total()).isEqualTo(1);
        assertThat(run(none()).total()).isEqualTo(601);
    }

    @Test
    void pagesInKeyOrder() {
        LeaseQuery.Page page = none().page(LEASES, 598, 10);
        assertThat(page.total()).isEqualTo(601);
        assertThat(page.offset()).isEqualTo(598);
        assertThat(page.leases()).extracting(l -> l.key().toString())
                .containsExactly("10.0.2.86", "10.0.2.87", "voip/10.0.0.1");
        assertThat(none().page(LEASES, 5_000, 10).leases()).isEmpty();
    }

    @Test
    void rejectsBadCriteria() {
        assertThat(LeaseQuery.parseStates("active, Expired"))
                .isEqualTo(EnumSet.of(LeaseState.ACTIVE, LeaseState.EXPIRED));
        assertThatThrownBy(() -> LeaseQuery.parseStates("bound")).hasMessageContaining("bound");
        assertThatThrownBy(() -> run(new LeaseQuery("10.0.0.300/8", null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run(new LeaseQuery("example.org", null, null, null, null, null, null)))
                .hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> none().page(LEASES, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
