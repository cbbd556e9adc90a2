package org.leasehold.nacf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leasehold.nacf.A2Binding;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.leasehold.nacf.internal.codec.LeaseholdA2Codec;
import org.leasehold.nacf.internal.simulator.ClfSimulator;

/** The NACF client against the project's CLF simulator on loopback: a real TCP peer speaking the real codec. */
class ClfClientTest {

    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final NacfCounters counters = new NacfCounters();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static NacfSettings settings(int port, long heartbeatMs, int misses, long answerTimeoutMs, int capacity,
            boolean queue) {
        return new NacfSettings("127.0.0.1", port, SECRET, "leasehold", false, Duration.ofSeconds(2), true,
                Duration.ofMillis(heartbeatMs), misses, Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofMillis(answerTimeoutMs), capacity, queue, 16, "dsl", Map.of(), "default", false);
    }

    private ClfSimulator simulator(int port) throws Exception {
        ClfSimulator sim = new ClfSimulator(new InetSocketAddress("127.0.0.1", port), SECRET, 0, lines::add);
        sim.listen();
        open.add(sim);
        return sim;
    }

    private ClfClient client(NacfSettings s, Function<A2Message, A2Message> pulls) {
        ClfClient c = new ClfClient(s, () -> Optional.of(new LeaseholdA2Codec()), pulls, () -> { }, counters);
        open.add(c);
        c.start();
        return c;
    }

    private ClfClient client(NacfSettings s) {
        return client(s, m -> A2Message.answer(m, A2Message.UNKNOWN_ADDRESS, m.binding(), "no active binding"));
    }

    static A2Binding binding(int host) {
        return new A2Binding(LeaseholdCodecFixtures.ip("198.51.100." + host), "default", "198.51.100.0/24",
                "access-7/port-" + host, "relay-198.51.100.1", "dsl", new byte[] {2, 0, 0, 0, 0, (byte) host},
                1_790_000_000L, 1_790_000_600L);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private List<String> received(String kind) {
        return lines.stream().filter(l -> l.startsWith("RECV " + kind + " ")).toList();
    }

    @Test
    void connectsSendsHeartbeatsAndGetsItsAttachAnswered() throws Exception {
        ClfSimulator sim = simulator(0);
        ClfClient c = client(settings(sim.port(), 100, 3, 5000, 100, true));
        A2Message answer = c.push(A2Kind.ATTACH, binding(100), "").get(20, TimeUnit.SECONDS);
        assertThat(answer.succeeded()).isTrue();
        assertThat(received("ATTACH")).singleElement().asString().contains("ip=198.51.100.100",
                "circuit-id=access-7/port-100", "remote-id=relay-198.51.100.1", "network-type=dsl", "mac=02:00:00:00:00:64");
        await().atMost(WAIT).until(() -> counters.heartbeatsAnswered.sum() >= 2);
        assertThat(c.lastHeartbeatAnswerMillis()).isPositive();
        assertThat(counters.answered.sum()).isEqualTo(1);
    }

    @Test
    void pushesQueuedWhileTheClfIsDeadArriveInOrderWhenItReturns() throws Exception {
        ClfSimulator first = simulator(0);
        int port = first.port();
        ClfClient c = client(settings(port, 100, 3, 5000, 1000, true));
        await().atMost(WAIT).until(c::connected);
        first.close();
        await().atMost(WAIT).until(() -> !c.connected());
        List<CompletableFuture<A2Message>> answers = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            answers.add(c.push(i % 3 == 0 ? A2Kind.DETACH : A2Kind.ATTACH, binding(i), i % 3 == 0 ? "released" : ""));
        }
        await().atMost(WAIT).until(() -> c.queued() == 60);
        lines.clear();
        simulator(port);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        List<String> pushes = lines.stream().filter(l -> l.startsWith("RECV ATTACH ") || l.startsWith("RECV DETACH "))
                .toList();
        assertThat(pushes).hasSize(60);
        for (int i = 1; i <= 60; i++) {
            assertThat(pushes.get(i - 1)).contains("ip=198.51.100." + i + " ");
        }
        assertThat(counters.dropped.sum()).isZero();
        assertThat(counters.answered.sum()).isEqualTo(60);
    }

    @Test
    void withOutageDropEveryPushWhileTheClfIsDownIsCountedAsDropped() throws Exception {
        ClfClient c = client(settings(freePort(), 100, 3, 5000, 1000, false));
        await().atMost(WAIT).until(() -> counters.connectFailures.sum() >= 1);
        List<CompletableFuture<A2Message>> answers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            answers.add(c.push(A2Kind.ATTACH, binding(i), ""));
        }
        await().atMost(WAIT).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
        assertThat(answers).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(counters.dropped.sum()).isEqualTo(5);
    }

    @Test
    void aFullQueueDropsAndCountsTheRest() throws Exception {
        ClfClient c = client(settings(freePort(), 100, 3, 5000, 3, true));
        List<CompletableFuture<A2Message>> answers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            answers.add(c.push(A2Kind.ATTACH, binding(i), ""));
        }
        await().atMost(WAIT).until(() -> counters.dropped.sum() == 2);
        assertThat(c.queued()).isEqualTo(3);
        assertThat(answers.subList(3, 5)).allMatch(CompletableFuture::isCompletedExceptionally);
    }

    @Test
    void unansweredHeartbeatsDeclareTheClfDownAfterExactlyTheConfiguredMisses() throws Exception {
        ClfSimulator sim = simulator(0);
        ClfClient c = client(settings(sim.port(), 100, 3, 5000, 100, true));
        await().atMost(WAIT).until(() -> counters.heartbeatsAnswered.sum() >= 1);
        sim.command("heartbeat off");
        long missedBefore = counters.heartbeatsMissed.sum();
        await().atMost(WAIT).until(() -> counters.clfDown.sum() == 1);
        assertThat(counters.heartbeatsMissed.sum() - missedBefore).isEqualTo(3);
        assertThat(c.lastError()).contains("3 heartbeats unanswered");
    }

    @Test
    void bytesThatAreNoMessageResetTheConnectionWhichComesBack() throws Exception {
        ClfSimulator sim = simulator(0);
        ClfClient c = client(settings(sim.port(), 100, 3, 5000, 100, true));
        await().atMost(WAIT).until(() -> counters.connects.sum() == 1 && lines.stream().anyMatch(l -> l.startsWith("CONNECTED")));
        sim.command("garbage");
        await().atMost(WAIT).until(() -> counters.protocolResets.sum() == 1 && counters.connects.sum() == 2);
        assertThat(c.lastError()).contains("unknown message code 238");
        sim.command("forge");
        await().atMost(WAIT).until(() -> counters.protocolResets.sum() == 2 && counters.connects.sum() == 3);
        assertThat(c.lastError()).contains("authenticator");
        assertThat(c.push(A2Kind.ATTACH, binding(7), "").get(20, TimeUnit.SECONDS).succeeded()).isTrue();
    }

    @Test
    void pullsAreAnsweredWithTheBindingOrTheUnknownResult() throws Exception {
        ClfSimulator sim = simulator(0);
        client(settings(sim.port(), 100, 3, 5000, 100, true), m -> m.binding().address().equals(binding(100).address())
                ? A2Message.answer(m, A2Message.SUCCESS, binding(100), "")
                : A2Message.answer(m, A2Message.UNKNOWN_ADDRESS, m.binding(), "no active binding"));
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.startsWith("CONNECTED")));
        sim.command("pull 198.51.100.100 default");
        sim.command("pull 198.51.100.250");
        await().atMost(WAIT).until(() -> lines.stream().filter(l -> l.startsWith("PULL-ANSWER")).count() == 2);
        List<String> pulls = lines.stream().filter(l -> l.startsWith("PULL-ANSWER")).toList();
        assertThat(pulls.get(0)).contains("result=0", "ip=198.51.100.100", "circuit-id=access-7/port-100");
        assertThat(pulls.get(1)).contains("result=1", "ip=198.51.100.250", "no active binding");
    }

    @Test
    void aPushTheClfNeverAnswersIsCountedAsUnanswered() throws Exception {
        ClfSimulator sim = simulator(0);
        ClfClient c = client(settings(sim.port(), 100, 3, 300, 100, true));
        await().atMost(WAIT).until(c::connected);
        sim.command("drop on");
        CompletableFuture<A2Message> f = c.push(A2Kind.DETACH, binding(9), "expired");
        await().atMost(WAIT).until(f::isDone);
        assertThat(f).isCompletedExceptionally();
        assertThat(counters.unanswered.sum()).isEqualTo(1);
        assertThat(received("DETACH")).hasSize(1);
    }
}
