package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leasehold.core.internal.engine.EngineFixture.ip;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.engine.EngineFixture.Sent;

/** ISC one-lease-per-client: a DHCPREQUEST's ACK releases the client's other leases. */
class OneLeasePerClientTest {

    private static final String CONF = """
            authoritative;
            ping-check false;
            %s
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.20;
            }
            subnet 198.51.100.0 netmask 255.255.255.0 {
              range 198.51.100.100 198.51.100.200;
            }
            """;
    private static final String MAC = "02:00:00:00:04:01";

    /** DISCOVER and SELECTING REQUEST, direct or through a relay at {@code giaddr}; the stored lease's key. */
    private static LeaseKey bind(EngineFixture f, Inet4Address giaddr, int xid) {
        DhcpMessage.Builder d = request(MessageType.DISCOVER, MAC, xid);
        DhcpMessage.Builder r = request(MessageType.REQUEST, MAC, xid + 1);
        if (giaddr != null) {
            d.giaddr(giaddr).hops(1);
            r.giaddr(giaddr).hops(1);
        }
        Sent o = f.exchange(d.build());
        Sent ack = f.exchange(with(r, DhcpOption.ofAddress(50, o.message().yiaddr()),
                DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        return new LeaseKey("", ack.message().yiaddr());
    }

    @Test
    void aRequestOnAnotherSubnetReleasesTheClientsFirstLease(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("one-lease-per-client true;"))) {
            LeaseKey first = bind(f, null, 1);
            LeaseKey second = bind(f, ip("198.51.100.1"), 3);
            assertThat(second.address().getHostAddress()).startsWith("198.51.100.");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> f.store.get(first).orElseThrow().state() == LeaseState.RELEASED);
            assertThat(f.store.get(second).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
            assertThat(f.engine.stats().get("release.one-lease-per-client")).isEqualTo(1);
        }
    }

    @Test
    void withoutItTheClientKeepsBothLeases(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(""))) {
            LeaseKey first = bind(f, null, 1);
            LeaseKey second = bind(f, ip("198.51.100.1"), 3);
            // the second ACK is sent after its commit; a release would be counted before that ACK
            assertThat(f.engine.stats().get("release.one-lease-per-client")).isZero();
            assertThat(f.store.get(first).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
            assertThat(f.store.get(second).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
        }
    }

    /** DISCOVER and SELECTING REQUEST from MAC with client identifier {@code id}; the stored lease's key. */
    private static LeaseKey bindAs(EngineFixture f, String id, int xid) {
        DhcpOption cid = DhcpOption.of(61, ("\u0000" + id).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Sent o = f.exchange(with(request(MessageType.DISCOVER, MAC, xid), cid));
        Sent ack = f.exchange(with(request(MessageType.REQUEST, MAC, xid + 1), cid,
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        return new LeaseKey("", ack.message().yiaddr());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"deny", "allow"})
    void denyDuplicatesReleasesTheLeasesOfOtherIdentifiersOfAHostsHardware(String verb, @TempDir Path dir)
            throws Exception {
        String conf = CONF.formatted("one-lease-per-client true; %s duplicates;\nhost dual { hardware ethernet %s; }"
                .formatted(verb, MAC));
        try (EngineFixture f = new EngineFixture(dir, conf)) {
            LeaseKey first = bindAs(f, "os-one", 1);
            LeaseKey second = bindAs(f, "os-two", 3);
            assertThat(second).isNotEqualTo(first);
            if (verb.equals("deny")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> f.store.get(first).orElseThrow().state() == LeaseState.RELEASED);
                assertThat(f.engine.stats().get("release.deny-duplicates")).isEqualTo(1);
            } else {
                assertThat(f.engine.stats().get("release.deny-duplicates")).isZero();
                assertThat(f.store.get(first).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
            }
            assertThat(f.store.get(second).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
        }
    }
}
