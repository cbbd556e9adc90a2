package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.message.MessageType;

/** The allocator is built before the first packet when asked, and then serves as a lazily built one. */
class EnginePrimeTest {

    private static final String CONF = """
            subnet 198.18.0.0 netmask 255.255.255.0 { range 198.18.0.10 198.18.0.11; }
            """;

    @TempDir
    Path dir;

    @Test
    void primeBuildsTheAllocatorThatTheFirstPacketUses() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            assertThat(f.engine.primed()).isFalse();

            f.engine.prime();

            assertThat(f.engine.primed()).isTrue();
            EngineFixture.Sent offer = f.exchange(EngineFixture.request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
            assertThat(offer.type()).isEqualTo(MessageType.OFFER);
            assertThat(offer.message().yiaddr().getHostAddress()).isIn("198.18.0.10", "198.18.0.11");
        }
    }

    @Test
    void aPrimedAllocatorKnowsTheLeasesAlreadyStored() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            EngineFixture.Sent first = f.exchange(EngineFixture.request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
            f.exchange(EngineFixture.with(EngineFixture.request(MessageType.REQUEST, "02:00:00:00:00:01", 2),
                    org.leasehold.api.message.DhcpOption.ofAddress(50, first.message().yiaddr()),
                    org.leasehold.api.message.DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        }
        // a new engine on the same journal: primed from the stored lease, it offers the other address
        try (EngineFixture f = new EngineFixture(dir, CONF)) {
            f.engine.prime();
            EngineFixture.Sent other = f.exchange(EngineFixture.request(MessageType.DISCOVER, "02:00:00:00:00:02", 3).build());
            String bound = f.store.all().iterator().next().key().address().getHostAddress();
            assertThat(f.store.size()).isEqualTo(1);
            assertThat(other.message().yiaddr().getHostAddress()).isNotEqualTo(bound);
        }
    }
}
