package org.leasehold.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.packet;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.props;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.runner;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.trace;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.tracing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.Verdict;

class PipelineParkTest {

    private final CompletableFuture<Verdict> external = new CompletableFuture<>();

    private static CompletionStage<Verdict> stageOf(Verdict v) {
        return ((Verdict.Park) v).resume();
    }

    @Test
    void parkedPacketResumesWithTheRestOfThePoint() {
        PipelineRunner runner = runner(4, 60_000);
        runner.bindHandler(ctx -> {
            ctx.get(RunnerFixtures.TRACE).orElseThrow().append("p");
            return Verdict.park(external);
        }, props("clf", HookPoint.LEASE_COMMIT, 1, null));
        runner.bindHandler(tracing("n", Verdict.CONTINUE), props("next", HookPoint.LEASE_COMMIT, 2, null));
        PacketContext ctx = packet();

        Verdict v = runner.run(HookPoint.LEASE_COMMIT, ctx);

        assertThat(v).isInstanceOf(Verdict.Park.class);
        assertThat(runner.parkedNow()).isEqualTo(1);
        assertThat(trace(ctx)).isEqualTo("p");
        external.complete(Verdict.CONTINUE);
        assertThat(stageOf(v).toCompletableFuture().join()).isEqualTo(Verdict.CONTINUE);
        assertThat(trace(ctx)).isEqualTo("pn");
        assertThat(runner.parkedNow()).isZero();
    }

    @Test
    void resumedDecisionEndsThePoint() {
        PipelineRunner runner = runner(4, 60_000);
        runner.bindHandler(ctx -> Verdict.park(external), props("clf", HookPoint.LEASE_COMMIT, 1, null));
        runner.bindHandler(tracing("n", Verdict.CONTINUE), props("next", HookPoint.LEASE_COMMIT, 2, null));
        PacketContext ctx = packet();

        Verdict v = runner.run(HookPoint.LEASE_COMMIT, ctx);
        external.complete(Verdict.RESPOND);

        assertThat(stageOf(v).toCompletableFuture().join()).isEqualTo(Verdict.RESPOND);
        assertThat(trace(ctx)).isEmpty();
    }

    @Test
    void overTheBoundThePacketIsDroppedAndCounted() {
        PipelineRunner runner = runner(1, 60_000);
        runner.bindHandler(ctx -> Verdict.park(external), props("slow", HookPoint.LEASE_COMMIT, 1, null));

        Verdict first = runner.run(HookPoint.LEASE_COMMIT, packet());
        Verdict second = runner.run(HookPoint.LEASE_COMMIT, packet());

        assertThat(first).isInstanceOf(Verdict.Park.class);
        assertThat(second).isEqualTo(Verdict.DROP);
        assertThat(runner.parkRejected()).isEqualTo(1);
        external.complete(Verdict.CONTINUE);
        assertThat(stageOf(first).toCompletableFuture().join()).isEqualTo(Verdict.CONTINUE);
        assertThat(runner.parkedNow()).isZero();
        assertThat(runner.run(HookPoint.LEASE_COMMIT, packet())).isInstanceOf(Verdict.Park.class);
    }

    @Test
    void failedStageAppliesTheFailureMode() {
        PipelineRunner runner = runner(4, 60_000);
        runner.bindHandler(ctx -> Verdict.park(external), props("clf", HookPoint.LEASE_COMMIT, 1, "drop"));

        Verdict v = runner.run(HookPoint.LEASE_COMMIT, packet());
        external.completeExceptionally(new IllegalStateException("CLF down"));

        assertThat(stageOf(v).toCompletableFuture().join()).isEqualTo(Verdict.DROP);
        assertThat(runner.handlers().get(0).errors()).isEqualTo(1);
    }

    @Test
    void stageThatNeverCompletesTimesOutAsAnError() {
        PipelineRunner runner = runner(4, 1);
        runner.bindHandler(ctx -> Verdict.park(new CompletableFuture<>()), props("hung", HookPoint.SEND, 1, null));

        Verdict v = runner.run(HookPoint.SEND, packet());

        assertThat(stageOf(v).toCompletableFuture().join()).isEqualTo(Verdict.CONTINUE);
        await().until(() -> runner.parkedNow() == 0);
        assertThat(runner.handlers().get(0).errors()).isEqualTo(1);
    }
}
