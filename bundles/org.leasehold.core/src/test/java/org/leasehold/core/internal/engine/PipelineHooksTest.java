package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leasehold.core.internal.engine.EngineFixture.ip;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.core.internal.engine.EngineFixture.Sent;
import org.leasehold.core.internal.pipeline.PipelineConfig;
import org.leasehold.core.internal.pipeline.PipelineRunner;

/** The engine runs the real pipeline runner's hook points in order and honours their verdicts. */
class PipelineHooksTest {

    @TempDir
    Path dir;
    EngineFixture f;
    final PipelineRunner runner = new PipelineRunner(config());
    final List<HookPoint> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private void start() throws Exception {
        f = new EngineFixture(dir, DhcpEngineTest.CONF, runner);
        for (HookPoint h : HookPoint.values()) {
            bind(h, 0, ctx -> {
                seen.add(h);
                return Verdict.CONTINUE;
            });
        }
    }

    @Test
    void everyPacketPointRunsInProcessingOrder() throws Exception {
        start();
        Sent o = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
        assertThat(seen).containsExactly(HookPoint.RECEIVE, HookPoint.CLASSIFY, HookPoint.SUBNET_SELECT,
                HookPoint.LEASE_SELECT, HookPoint.RESPOND, HookPoint.SEND);
        seen.clear();
        f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 2),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        assertThat(seen).containsExactly(HookPoint.RECEIVE, HookPoint.CLASSIFY, HookPoint.SUBNET_SELECT,
                HookPoint.LEASE_SELECT, HookPoint.LEASE_COMMIT, HookPoint.RESPOND, HookPoint.SEND);
    }

    @Test
    void respondHandlerAddsAnOptionToTheReply() throws Exception {
        start();
        bind(HookPoint.RESPOND, 10, ctx -> {
            ctx.reply(ctx.reply().orElseThrow().toBuilder()
                    .options(ctx.reply().get().options().with(DhcpOption.ofText(15, "added.test"))).build());
            return Verdict.CONTINUE;
        });
        Sent o = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
        assertThat(o.message().options().text(15)).contains("added.test");
    }

    @Test
    void subnetSelectHandlerSteersTheClient() throws Exception {
        start();
        bind(HookPoint.SUBNET_SELECT, 10, ctx -> {
            ctx.put(PipelineAttributes.SUBNET, "198.51.100.0/24");
            return Verdict.CONTINUE;
        });
        Sent o = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
        assertThat(o.message().yiaddr().getHostAddress()).startsWith("198.51.100.");
    }

    @Test
    void parkedCommitSendsTheAckOnlyWhenTheStageCompletes() throws Exception {
        start();
        CompletableFuture<Verdict> gate = new CompletableFuture<>();
        bind(HookPoint.LEASE_COMMIT, 10, ctx -> Verdict.park(gate));
        Sent o = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
        f.receive(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 2),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        assertThat(f.sent).hasSize(1);
        assertThat(f.store.get(new LeaseKey("", o.message().yiaddr()))).isEmpty();
        gate.complete(Verdict.CONTINUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sent.size() == 2);
        assertThat(f.sent.get(1).type()).isEqualTo(MessageType.ACK);
        assertThat(f.store.get(new LeaseKey("", o.message().yiaddr()))).isPresent();
    }

    @Test
    void dropAtReceiveAnswersNothing() throws Exception {
        start();
        bind(HookPoint.RECEIVE, 10, ctx -> Verdict.DROP);
        f.receive(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
        assertThat(f.sent).isEmpty();
        assertThat(f.engine.stats().get("drop.handler")).isEqualTo(1);
    }

    @Test
    void releaseHookSeesTheLeaseAndSkipKeepsIt() throws Exception {
        start();
        java.util.concurrent.atomic.AtomicBoolean sawLease = new java.util.concurrent.atomic.AtomicBoolean();
        bind(HookPoint.LEASE_RELEASE, 10, ctx -> {
            sawLease.set(ctx.get(PipelineAttributes.LEASE).isPresent());
            return Verdict.SKIP;
        });
        Sent o = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
        f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 2),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        f.receive(request(MessageType.RELEASE, "02:00:00:00:00:01", 3).ciaddr(o.message().yiaddr()).build());
        assertThat(seen).contains(HookPoint.LEASE_RELEASE);
        assertThat(sawLease).isTrue();
        assertThat(f.store.get(new LeaseKey("", o.message().yiaddr())).orElseThrow().state())
                .isEqualTo(org.leasehold.api.lease.LeaseState.ACTIVE);
    }

    private void bind(HookPoint hook, int order, PacketHandler h) throws Exception {
        Method m = PipelineRunner.class.getDeclaredMethod("bindHandler", PacketHandler.class, Map.class);
        m.setAccessible(true);
        m.invoke(runner, h, Map.of(PacketHandler.HOOK, hook.name(), PacketHandler.ORDER, order,
                PacketHandler.NAME, hook + "-" + order, "service.id", (long) (hook.ordinal() * 100 + order)));
    }

    private static PipelineConfig config() {
        return PipelineHooksTestConfig.config();
    }
}
