package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.engine.EngineFixture.Sent;

/** ISC adaptive-lease-time-threshold: a pool at least that full hands out min-lease-time leases. */
class AdaptiveLeaseTimeTest {

    private static final String CONF = """
            authoritative;
            ping-check false;
            default-lease-time 3600;
            min-lease-time 120;
            %s
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.19;
            }
            """;

    private static Sent bind(EngineFixture f, int n) {
        String mac = "02:00:00:00:06:%02x".formatted(n);
        Sent o = f.exchange(request(MessageType.DISCOVER, mac, n * 10).build());
        Sent ack = f.exchange(with(request(MessageType.REQUEST, mac, n * 10 + 1),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        return ack;
    }

    private static long leaseTime(Sent s) {
        return s.message().options().uint32Long(51).orElseThrow();
    }

    @Test
    void overTheThresholdNewLeasesAreShortAndARenewalKeepsItsEnd(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("adaptive-lease-time-threshold 40;"))) {
            // 10 addresses: the first two clients see the pool at most 30% full (their own offer counted)
            Sent first = bind(f, 1);
            assertThat(leaseTime(first)).isEqualTo(3600);
            assertThat(leaseTime(bind(f, 2))).isEqualTo(3600);
            bind(f, 3);
            bind(f, 4);
            // four of ten bound: 40%
            assertThat(leaseTime(bind(f, 5))).isEqualTo(120);
            assertThat(f.engine.stats().get("lease.adaptive-time")).isPositive();

            f.clock.addAndGet(1000);
            long end = f.store.get(new LeaseKey("", first.message().yiaddr())).orElseThrow().endEpochSecond();
            Sent renew = f.exchange(request(MessageType.REQUEST, "02:00:00:00:06:01", 99)
                    .ciaddr(first.message().yiaddr()).build());
            assertThat(leaseTime(renew)).as("what is left of its lease, not 120").isEqualTo(2600);
            assertThat(f.store.get(new LeaseKey("", first.message().yiaddr())).orElseThrow().endEpochSecond())
                    .isEqualTo(end);
        }
    }

    @Test
    void withoutItAFullPoolStillGivesTheDefault(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(""))) {
            for (int n = 1; n <= 4; n++) {
                bind(f, n);
            }
            assertThat(leaseTime(bind(f, 5))).isEqualTo(3600);
        }
    }
}
