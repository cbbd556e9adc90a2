package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.engine.EngineFixture.Sent;

/**
 * ISC {@code infinite-is-reserved} (dhcp.c ack_lease): a client asking for an infinite lease time gets
 * at most max-lease-time, and its address is reserved to it: released or expired, no other client is
 * given it, while the client itself gets it back.
 */
class InfiniteIsReservedTest {

    private static final String CONF = """
            authoritative;
            ping-check false;
            max-lease-time 7200;
            %s
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.10;
            }
            """;
    private static final String OWNER = "02:00:00:00:06:01";
    private static final String OTHER = "02:00:00:00:06:02";
    private static final DhcpOption INFINITE = DhcpOption.of(51, new byte[] {-1, -1, -1, -1});

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anInfiniteRequestReservesTheAddressToItsClient(boolean reserve, @TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(reserve ? "infinite-is-reserved on;" : ""))) {
            Sent offer = f.exchange(with(request(MessageType.DISCOVER, OWNER, 1), INFINITE));
            Sent ack = f.exchange(with(request(MessageType.REQUEST, OWNER, 2), INFINITE,
                    DhcpOption.ofAddress(50, offer.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
            assertThat(ack.type()).isEqualTo(MessageType.ACK);
            assertThat(ack.message().options().uint32(51)).as("max-lease-time, not infinite").contains(7200);
            LeaseKey key = new LeaseKey("", ack.message().yiaddr());
            f.receive(with(request(MessageType.RELEASE, OWNER, 3).ciaddr(ack.message().yiaddr()),
                    DhcpOption.ofAddress(54, EngineFixture.SERVER)));
            await().atMost(Duration.ofSeconds(10)).until(() -> f.store.get(key).orElseThrow().state() == LeaseState.RELEASED);

            if (!reserve) {
                Sent other = f.exchange(request(MessageType.DISCOVER, OTHER, 4).build());
                assertThat(other.message().yiaddr()).as("a released address is free").isEqualTo(ack.message().yiaddr());
                return;
            }
            int before = f.sent.size();
            f.receive(request(MessageType.DISCOVER, OTHER, 4).build());
            Sent owner = f.exchange(request(MessageType.DISCOVER, OWNER, 5).build());
            assertThat(owner.message().yiaddr()).isEqualTo(ack.message().yiaddr());
            assertThat(f.sent.subList(before, f.sent.size())).as("nothing offered to the other client")
                    .noneMatch(s -> s.message().xid() == 4);
            assertThat(f.engine.stats().get("drop.no-address")).isEqualTo(1);
            assertThat(f.store.get(key).orElseThrow().variables()).containsKey(LeaseUsage.RESERVED);
        }
    }
}
