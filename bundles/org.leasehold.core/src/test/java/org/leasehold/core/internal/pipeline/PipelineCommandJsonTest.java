package org.leasehold.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.packet;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.props;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.runner;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.tracing;

import org.junit.jupiter.api.Test;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.core.internal.command.PipelineCommand;

/** What {@code dhcp:pipeline --json} prints for scripts. */
class PipelineCommandJsonTest {

    @Test
    void listsHandlersWithCounters() {
        PipelineRunner runner = runner(16, 1000);
        runner.bindHandler(tracing("o", Verdict.CONTINUE), props("option\"82", HookPoint.CLASSIFY, 100, null));
        runner.bindHandler(ctx -> {
            throw new IllegalStateException("x");
        }, props("auth", HookPoint.RECEIVE, 10, "drop"));
        runner.run(HookPoint.CLASSIFY, packet());
        runner.run(HookPoint.RECEIVE, packet());

        String json = PipelineCommand.toJson(runner);

        assertThat(json).startsWith("{\"handlers\":[{\"hook\":\"RECEIVE\",\"order\":10,\"name\":\"auth\",\"onError\":\"drop\","
                + "\"calls\":1,\"errors\":1,");
        assertThat(json).contains("{\"hook\":\"CLASSIFY\",\"order\":100,\"name\":\"option\\\"82\",\"onError\":\"continue\","
                + "\"calls\":1,\"errors\":0,");
        assertThat(json).endsWith("],\"parked\":0,\"maxParked\":16,\"parkRejected\":0}");
    }
}
