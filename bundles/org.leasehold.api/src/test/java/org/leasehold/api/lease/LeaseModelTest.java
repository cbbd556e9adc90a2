package org.leasehold.api.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leasehold.api.message.HardwareAddress;

class LeaseModelTest {

    private static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void clientKeyComparesContentAndCopies() {
        byte[] raw = {1, 2, 0, 0, 0, 0x0a, 1};
        ClientKey k = ClientKey.ofClientId(raw);
        raw[0] = 9;
        assertThat(k).isEqualTo(ClientKey.ofHardware(1, new byte[] {2, 0, 0, 0, 0x0a, 1}));
        assertThat(k.hashCode()).isEqualTo(ClientKey.parse("01:02:00:00:00:0a:01").hashCode());
        assertThat(k).hasToString("01:02:00:00:00:0a:01");
        k.bytes()[0] = 7;
        assertThat(k.bytes()[0]).isEqualTo((byte) 1);
        assertThat(ClientKey.parse("0102")).isEqualTo(new ClientKey(new byte[] {1, 2}));
        assertThatThrownBy(() -> new ClientKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leaseKeyOrdersBySpaceThenNumericAddress() throws Exception {
        LeaseKey a = LeaseKey.of(ip("10.0.0.9"));
        LeaseKey b = LeaseKey.of(ip("10.0.0.10"));
        LeaseKey c = new LeaseKey("voip", ip("10.0.0.1"));
        assertThat(a.compareTo(b)).isNegative();
        assertThat(b.compareTo(c)).isNegative();
        assertThat(LeaseKey.of(ip("255.255.255.255")).addressValue()).isEqualTo(0xFFFFFFFFL);
        assertThat(c).hasToString("voip/10.0.0.1");
        assertThat(a).hasToString("10.0.0.9");
    }

    @Test
    void variablesAreASortedImmutableCopyThatCountsInEquality() throws Exception {
        java.util.Map<String, String> vars = new java.util.HashMap<>(java.util.Map.of("z", "1", "a", "2"));
        Lease l = Lease.builder(LeaseKey.of(ip("198.51.100.1"))).variables(vars).build();
        vars.put("b", "3");
        assertThat(l.variables().keySet()).containsExactly("a", "z");
        assertThatThrownBy(() -> l.variables().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        Lease set = l.withVariable("m", "4");
        assertThat(set.variable("m")).hasValue("4");
        assertThat(set).isNotEqualTo(l);
        assertThat(set.withVariable("m", null)).isEqualTo(l).hasSameHashCodeAs(l);
        assertThat(Lease.builder(LeaseKey.of(ip("198.51.100.2"))).build().variables()).isEmpty();
        assertThat(set.toString()).contains("set={a=2, m=4, z=1}");
    }

    @Test
    void leaseIsImmutableAndComparesByValue() throws Exception {
        byte[] rai = {1, 1, 5};
        Set<String> classes = new HashSet<>(Set.of("b", "a"));
        HardwareAddress hw = HardwareAddress.parse("02:00:00:00:0a:01");
        Lease l = new Lease(LeaseKey.of(ip("198.51.100.1")), LeaseState.ACTIVE, ClientKey.ofHardware(1, hw.bytes()),
                hw, 10, 20, null, null, null, rai, classes, false);
        rai[2] = 6;
        classes.add("c");
        assertThat(l.relayAgentInfo()).containsExactly(1, 1, 5);
        assertThat(l.classes()).containsExactly("a", "b");
        assertThatThrownBy(() -> l.classes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(l.hostname()).isEmpty();
        Lease same = l.toBuilder().build();
        assertThat(same).isEqualTo(l).hasSameHashCodeAs(l).isNotSameAs(l);
        assertThat(l.withState(LeaseState.EXPIRED).state()).isEqualTo(LeaseState.EXPIRED);
        assertThat(l.withEnd(30)).isNotEqualTo(l);
        assertThat(l.withTimes(1, 2).startEpochSecond()).isEqualTo(1);
        assertThat(l.withRelayAgentInfo(new byte[] {1, 1, 6})).isNotEqualTo(l);
        assertThat(l.withClasses(Set.of("z")).classes()).containsExactly("z");
        assertThat(l.withHostname("h").hostname()).isEqualTo("h");
        assertThat(l.withClient(null, null).client()).isNull();
        assertThat(l.endedAt(20)).isTrue();
        assertThat(l.endedAt(19)).isFalse();
        assertThat(l.withEnd(Lease.NEVER).endedAt(Long.MAX_VALUE)).isFalse();
        assertThat(l.toString()).contains("198.51.100.1").contains("ACTIVE");
    }

    @Test
    void leaseRequiresKeyAndState() throws Exception {
        LeaseKey key = LeaseKey.of(ip("198.51.100.1"));
        assertThatThrownBy(() -> Lease.builder(key).state(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Lease.builder(null)).isInstanceOf(NullPointerException.class);
        assertThat(Lease.builder(key).build().state()).isEqualTo(LeaseState.FREE);
    }

    @Test
    void statesHaveIscNames() {
        assertThat(LeaseState.ABANDONED.iscName()).isEqualTo("abandoned");
        assertThat(LeaseState.parse(" Active ")).isEqualTo(LeaseState.ACTIVE);
        assertThatThrownBy(() -> LeaseState.parse("bound")).isInstanceOf(IllegalArgumentException.class);
    }
}
