package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.MessageType;

/**
 * ping-check in the engine: the OFFER waits for the ping (completed later, from another thread, as
 * the ICMP pool does), an answered address is abandoned and the next one offered, and
 * {@code ping-check false} offers without pinging. The real ICMP path is IscPingCheckIT's.
 */
class PingCheckEngineTest {

    private static final String CONF = """
            authoritative;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.12;
              %s
            }
            """;

    /** Answers for chosen addresses; every ping completes only when the test says so. */
    static final class ScriptedPing implements PingCheck {
        final List<Inet4Address> pinged = new CopyOnWriteArrayList<>();
        final Map<Inet4Address, CompletableFuture<Result>> pending = new ConcurrentHashMap<>();
        final List<Integer> timeouts = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Result> ping(Inet4Address address, int timeoutMillis) {
            pinged.add(address);
            timeouts.add(timeoutMillis);
            return pending.computeIfAbsent(address, a -> new CompletableFuture<>());
        }

        void answer(String address, Result r) {
            Inet4Address a = EngineFixture.ip(address);
            await().atMost(Duration.ofSeconds(10)).until(() -> pending.containsKey(a));
            new Thread(() -> pending.get(a).complete(r)).start();
        }
    }

    @Test
    void anAnsweredAddressIsAbandonedAndTheNextOneOffered(@TempDir Path dir) throws Exception {
        ScriptedPing ping = new ScriptedPing();
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("ping-timeout 2;"), null, () -> null, ping)) {
            f.receive(EngineFixture.request(MessageType.DISCOVER, "02:00:00:00:01:01", 1).build());
            ping.answer("198.18.1.10", PingCheck.Result.ANSWERED);
            ping.answer("198.18.1.11", PingCheck.Result.SILENT);

            await().atMost(Duration.ofSeconds(10)).until(() -> !f.sent.isEmpty());
            assertThat(f.sent).singleElement().satisfies(s -> {
                assertThat(s.type()).isEqualTo(MessageType.OFFER);
                assertThat(s.message().yiaddr()).isEqualTo(EngineFixture.ip("198.18.1.11"));
            });
            assertThat(ping.timeouts).containsOnly(2000);
            assertThat(f.store.get(new LeaseKey("", EngineFixture.ip("198.18.1.10"))))
                    .hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(LeaseState.ABANDONED));
            assertThat(f.engine.stats().snapshot()).containsEntry("ping.answered", 1L).containsEntry("ping.silent", 1L);
        }
    }

    @Test
    void noOfferLeavesBeforeThePingEnds(@TempDir Path dir) throws Exception {
        ScriptedPing ping = new ScriptedPing();
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(""), null, () -> null, ping)) {
            f.receive(EngineFixture.request(MessageType.DISCOVER, "02:00:00:00:01:02", 2).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> ping.pinged.size() == 1);
            assertThat(f.sent).isEmpty();
            assertThat(ping.timeouts).containsExactly(1000);

            ping.answer("198.18.1.10", PingCheck.Result.SILENT);
            await().atMost(Duration.ofSeconds(10)).until(() -> f.sent.size() == 1);
        }
    }

    @Test
    void pingCheckFalseOffersWithoutPinging(@TempDir Path dir) throws Exception {
        ScriptedPing ping = new ScriptedPing();
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("ping-check false;"), null, () -> null, ping)) {
            EngineFixture.Sent s = f.exchange(EngineFixture.request(MessageType.DISCOVER, "02:00:00:00:01:03", 3).build());

            assertThat(s.type()).isEqualTo(MessageType.OFFER);
            assertThat(ping.pinged).isEmpty();
        }
    }
}
