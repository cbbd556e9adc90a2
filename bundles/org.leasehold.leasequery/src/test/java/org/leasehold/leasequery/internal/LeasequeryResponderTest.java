package org.leasehold.leasequery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.ReplyEncoding;
import org.leasehold.api.config.AddressRange;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/** The RFC 4388 answers, computed from a real journal store. */
class LeasequeryResponderTest {

    static final long NOW = 1_800_000_000L;
    static final HardwareAddress MAC_A = HardwareAddress.parse("02:00:00:00:0a:01");
    static final HardwareAddress MAC_B = HardwareAddress.parse("02:00:00:00:0a:02");
    static final byte[] CLIENT_ID_B = {(byte) 0xff, 1, 2, 3, 4};
    static final byte[] RAI = {1, 4, 'r', 'e', 'l', '0'};

    @TempDir
    Path dir;
    JournalLeaseStore store;
    HardwareIndex index = new HardwareIndex();
    LeasequeryResponder responder;
    List<PoolInfo> pools;

    @BeforeEach
    void open() throws Exception {
        store = new JournalLeaseStore(dir);
        responder = new LeasequeryResponder(store, index::candidates);
        pools = List.of(new PoolInfo("p1", "198.51.100.0/24", "",
                List.of(new AddressRange(ip("198.51.100.10"), ip("198.51.100.99"))), List.of()));
        // A: keyed by its MAC, active for an hour from NOW-600, with option 82
        put(Lease.builder(LeaseKey.of(ip("198.51.100.10"))).state(LeaseState.ACTIVE)
                .client(ClientKey.ofHardware(1, MAC_A.bytes())).hardware(MAC_A).start(NOW - 600).end(NOW + 3000)
                .relayAgentInfo(RAI).build());
        // B: sent a client identifier; two active addresses, and a released one
        put(Lease.builder(LeaseKey.of(ip("198.51.100.11"))).state(LeaseState.ACTIVE)
                .client(ClientKey.ofClientId(CLIENT_ID_B)).hardware(MAC_B).start(NOW - 100).end(NOW + 3500).build());
        put(Lease.builder(LeaseKey.of(ip("198.51.100.12"))).state(LeaseState.ACTIVE)
                .client(ClientKey.ofClientId(CLIENT_ID_B)).hardware(MAC_B).start(NOW - 50).end(NOW + 3550).build());
        put(Lease.builder(LeaseKey.of(ip("198.51.100.13"))).state(LeaseState.RELEASED)
                .client(ClientKey.ofHardware(1, new byte[] {2, 0, 0, 0, 0x0a, 3}))
                .hardware(HardwareAddress.parse("02:00:00:00:0a:03")).start(NOW - 900).end(NOW - 10).build());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    void put(Lease l) throws Exception {
        store.commit(l).toCompletableFuture().get();
        index.changed(new LeaseChange(null, l, LeaseChange.Cause.GRANTED, "test"));
    }

    static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    static DhcpMessage.Builder query() throws Exception {
        return DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).htype(1).hlen(0).xid(0x4c51).giaddr(ip("198.51.100.1"))
                .messageType(LeasequeryResponder.LEASEQUERY);
    }

    LeasequeryResponder.Answer ask(DhcpMessage q) throws Exception {
        LeasequeryResponder.Answer a = responder.answer(q, pools, Optional.of(ip("198.18.0.1")), NOW).orElseThrow();
        // what goes on the wire decodes back to the same answer
        assertThat(DhcpCodec.decode(DhcpCodec.encodeReply(a.reply(), ReplyEncoding.forRequest(q)))
                .messageType()).contains(a.type());
        return a;
    }

    @Test
    void byAddressOfAnActiveLeaseGivesItsClientTimesAndRelayInformation() throws Exception {
        var a = ask(query().ciaddr(ip("198.51.100.10")).build());
        assertThat(a.by()).isEqualTo(LeasequeryResponder.By.IP);
        assertThat(a.type()).isEqualTo(LeasequeryResponder.LEASEACTIVE);
        DhcpMessage r = a.reply();
        assertThat(r.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(r.xid()).isEqualTo(0x4c51);
        assertThat(r.ciaddr()).isEqualTo(ip("198.51.100.10"));
        assertThat(r.giaddr()).isEqualTo(ip("198.51.100.1"));
        assertThat(r.hardwareAddress()).isEqualTo(MAC_A);
        assertThat(r.options().address(54)).contains(ip("198.18.0.1"));
        assertThat(r.options().uint32Long(51)).contains(3000L);
        assertThat(r.options().uint32Long(58)).contains(1200L); // start + 1800 - now
        assertThat(r.options().uint32Long(59)).contains(2550L); // start + 3150 - now
        assertThat(r.options().uint32Long(91)).contains(600L);
        assertThat(r.options().bytes(82)).hasValueSatisfying(v -> assertThat(v).isEqualTo(RAI));
        assertThat(r.options().contains(61)).as("keyed by MAC: no client identifier").isFalse();
        assertThat(r.options().contains(92)).as("no associated-ip for a query by address").isFalse();
    }

    @Test
    void byAddressOfAReleasedOrFreePoolAddressIsUnassignedAndOutsideEveryPoolUnknown() throws Exception {
        assertThat(ask(query().ciaddr(ip("198.51.100.13")).build()).type())
                .isEqualTo(LeasequeryResponder.LEASEUNASSIGNED);
        assertThat(ask(query().ciaddr(ip("198.51.100.50")).build()).type())
                .isEqualTo(LeasequeryResponder.LEASEUNASSIGNED);
        var unknown = ask(query().ciaddr(ip("198.51.100.200")).build());
        assertThat(unknown.type()).isEqualTo(LeasequeryResponder.LEASEUNKNOWN);
        assertThat(unknown.reply().ciaddr()).isEqualTo(ip("198.51.100.200"));
        assertThat(unknown.reply().options().contains(51)).isFalse();
    }

    @Test
    void byClientIdGivesTheNewestActiveAddressAndEveryAssociatedOne() throws Exception {
        var a = ask(query().option(DhcpOption.of(61, CLIENT_ID_B)).build());
        assertThat(a.by()).isEqualTo(LeasequeryResponder.By.CLIENT_ID);
        assertThat(a.type()).isEqualTo(LeasequeryResponder.LEASEACTIVE);
        assertThat(a.reply().ciaddr()).isEqualTo(ip("198.51.100.12"));
        assertThat(a.reply().options().bytes(61)).hasValueSatisfying(v -> assertThat(v).isEqualTo(CLIENT_ID_B));
        assertThat(a.reply().options().addresses(92)).contains(List.of(ip("198.51.100.12"), ip("198.51.100.11")));
        assertThat(ask(query().option(DhcpOption.of(61, new byte[] {9, 9})).build()).type())
                .isEqualTo(LeasequeryResponder.LEASEUNKNOWN);
    }

    @Test
    void byMacFindsAClientKeyedByItsClientIdentifierToo() throws Exception {
        var b = ask(query().hardwareAddress(MAC_B).build());
        assertThat(b.by()).isEqualTo(LeasequeryResponder.By.MAC);
        assertThat(b.type()).isEqualTo(LeasequeryResponder.LEASEACTIVE);
        assertThat(b.reply().ciaddr()).isEqualTo(ip("198.51.100.12"));
        var released = ask(query().hardwareAddress(HardwareAddress.parse("02:00:00:00:0a:03")).build());
        assertThat(released.type()).isEqualTo(LeasequeryResponder.LEASEUNASSIGNED);
        assertThat(released.reply().ciaddr()).isEqualTo(ip("198.51.100.13"));
        assertThat(ask(query().hardwareAddress(HardwareAddress.parse("02:00:00:00:0a:77")).build()).type())
                .isEqualTo(LeasequeryResponder.LEASEUNKNOWN);
    }

    @Test
    void aQueryNamingNothingIsNotAnswered() throws Exception {
        assertThat(responder.answer(query().build(), pools, Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void aStaleIndexEntryIsCheckedAgainstTheStore() throws Exception {
        Lease moved = store.get(LeaseKey.of(ip("198.51.100.10"))).orElseThrow().toBuilder()
                .hardware(HardwareAddress.parse("02:00:00:00:0a:09")).client(ClientKey.ofHardware(1,
                        new byte[] {2, 0, 0, 0, 0x0a, 9})).build();
        store.commit(moved).toCompletableFuture().get(); // the index is not told
        assertThat(ask(query().hardwareAddress(MAC_A).build()).type()).isEqualTo(LeasequeryResponder.LEASEUNKNOWN);
    }

    @Test
    void relayAclMatchesAddressesAndPrefixesAndNamesABadEntry() throws Exception {
        RelayAcl acl = RelayAcl.parse(new String[] {"198.51.100.1, 198.18.0.0/24"});
        assertThat(acl.allows(ip("198.51.100.1"))).isTrue();
        assertThat(acl.allows(ip("198.51.100.2"))).isFalse();
        assertThat(acl.allows(ip("198.18.0.200"))).isTrue();
        assertThat(acl.allows(ip("198.18.1.1"))).isFalse();
        assertThat(RelayAcl.parse(new String[0]).allows(ip("198.51.100.1"))).isFalse();
        assertThatThrownBy(() -> RelayAcl.parse(new String[] {"198.51.100.0/33"}))
                .hasMessageContaining("198.51.100.0/33");
        assertThatThrownBy(() -> RelayAcl.parse(new String[] {"relay.example"})).hasMessageContaining("relay.example");
    }
}
