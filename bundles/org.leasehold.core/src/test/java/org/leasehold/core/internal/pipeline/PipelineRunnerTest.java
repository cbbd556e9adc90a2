package org.leasehold.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.packet;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.props;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.runner;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.trace;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.tracing;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.api.pipeline.FailureMode;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;

class PipelineRunnerTest {

    private final PipelineRunner runner = runner(8, 1000);

    @Test
    void runsHandlersOfOnePointInAscendingOrder() {
        runner.bindHandler(tracing("c", Verdict.CONTINUE), props("c", HookPoint.CLASSIFY, 30, null));
        runner.bindHandler(tracing("a", Verdict.CONTINUE), props("a", HookPoint.CLASSIFY, 10, null));
        runner.bindHandler(tracing("b", Verdict.CONTINUE), props("b", HookPoint.CLASSIFY, 20, null));
        runner.bindHandler(tracing("x", Verdict.CONTINUE), props("x", HookPoint.RESPOND, 1, null));
        PacketContext ctx = packet();

        assertThat(runner.run(HookPoint.CLASSIFY, ctx)).isEqualTo(Verdict.CONTINUE);
        assertThat(trace(ctx)).isEqualTo("abc");
        assertThat(runner.handlers()).extracting(PipelineRunner.HandlerInfo::name).containsExactly("a", "b", "c", "x");
    }

    @Test
    void tieOnOrderGoesToHigherRankingThenOlderService() {
        Map<String, Object> older = props("older", HookPoint.RECEIVE, 5, null);
        Map<String, Object> newer = props("newer", HookPoint.RECEIVE, 5, null);
        Map<String, Object> ranked = props("ranked", HookPoint.RECEIVE, 5, null);
        ranked.put("service.ranking", 10);
        runner.bindHandler(tracing("n", Verdict.CONTINUE), newer);
        runner.bindHandler(tracing("r", Verdict.CONTINUE), ranked);
        runner.bindHandler(tracing("o", Verdict.CONTINUE), older);
        PacketContext ctx = packet();

        runner.run(HookPoint.RECEIVE, ctx);

        assertThat(trace(ctx)).isEqualTo("ron");
    }

    @Test
    void firstDecisionOtherThanContinueEndsThePoint() {
        runner.bindHandler(tracing("a", Verdict.CONTINUE), props("a", HookPoint.RECEIVE, 1, null));
        runner.bindHandler(tracing("b", Verdict.SKIP), props("b", HookPoint.RECEIVE, 2, null));
        runner.bindHandler(tracing("c", Verdict.DROP), props("c", HookPoint.RECEIVE, 3, null));
        PacketContext ctx = packet();

        assertThat(runner.run(HookPoint.RECEIVE, ctx)).isEqualTo(Verdict.SKIP);
        assertThat(trace(ctx)).isEqualTo("ab");
    }

    @Test
    void emptyPointContinues() {
        assertThat(runner.run(HookPoint.SEND, packet())).isEqualTo(Verdict.CONTINUE);
    }

    @Test
    void throwingHandlerWithContinueModeIsCountedAndSkipped() {
        runner.bindHandler(ctx -> {
            throw new IllegalStateException("boom");
        }, props("broken", HookPoint.RESPOND, 1, "continue"));
        runner.bindHandler(tracing("after", Verdict.CONTINUE), props("after", HookPoint.RESPOND, 2, null));
        PacketContext ctx = packet();

        assertThat(runner.run(HookPoint.RESPOND, ctx)).isEqualTo(Verdict.CONTINUE);
        assertThat(trace(ctx)).isEqualTo("after");
        PipelineRunner.HandlerInfo broken = runner.handlers().get(0);
        assertThat(broken.name()).isEqualTo("broken");
        assertThat(broken.calls()).isEqualTo(1);
        assertThat(broken.errors()).isEqualTo(1);
    }

    @Test
    void throwingHandlerWithDropModeDropsThePacket() {
        runner.bindHandler(ctx -> {
            throw new NoClassDefFoundError("bundle went away");
        }, props("auth", HookPoint.RECEIVE, 1, "drop"));
        runner.bindHandler(tracing("after", Verdict.CONTINUE), props("after", HookPoint.RECEIVE, 2, null));
        PacketContext ctx = packet();

        assertThat(runner.run(HookPoint.RECEIVE, ctx)).isEqualTo(Verdict.DROP);
        assertThat(trace(ctx)).isEmpty();
        assertThat(runner.handlers().get(0).onError()).isEqualTo(FailureMode.DROP);
    }

    @Test
    void nullVerdictCountsAsError() {
        runner.bindHandler(ctx -> null, props("silent", HookPoint.RECEIVE, 1, "drop"));

        assertThat(runner.run(HookPoint.RECEIVE, packet())).isEqualTo(Verdict.DROP);
        assertThat(runner.handlers().get(0).errors()).isEqualTo(1);
    }

    @Test
    void handlerWithBadPropertiesIsIgnored() {
        Map<String, Object> bad = props("bad", HookPoint.RECEIVE, 1, null);
        bad.put(PacketHandler.HOOK, "nowhere");
        runner.bindHandler(tracing("bad", Verdict.DROP), bad);

        assertThat(runner.handlers()).isEmpty();
        assertThat(runner.run(HookPoint.RECEIVE, packet())).isEqualTo(Verdict.CONTINUE);
    }

    @Test
    void unbindRemovesAndUpdateReordersKeepingCounters() {
        PacketHandler a = tracing("a", Verdict.CONTINUE);
        PacketHandler b = tracing("b", Verdict.CONTINUE);
        Map<String, Object> pa = props("a", HookPoint.CLASSIFY, 1, null);
        runner.bindHandler(a, pa);
        runner.bindHandler(b, props("b", HookPoint.CLASSIFY, 2, null));
        runner.run(HookPoint.CLASSIFY, packet());

        pa.put(PacketHandler.ORDER, 3);
        runner.updatedHandler(a, pa);
        PacketContext reordered = packet();
        runner.run(HookPoint.CLASSIFY, reordered);
        assertThat(trace(reordered)).isEqualTo("ba");
        assertThat(runner.handlers()).filteredOn(h -> h.name().equals("a")).first()
                .extracting(PipelineRunner.HandlerInfo::calls).isEqualTo(2L);

        runner.unbindHandler(b, Map.of());
        PacketContext alone = packet();
        runner.run(HookPoint.CLASSIFY, alone);
        assertThat(trace(alone)).isEqualTo("a");
    }
}
