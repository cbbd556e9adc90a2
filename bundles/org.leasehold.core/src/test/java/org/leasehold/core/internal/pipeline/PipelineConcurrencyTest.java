package org.leasehold.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.packet;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.props;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.runner;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.trace;
import static org.leasehold.core.internal.pipeline.RunnerFixtures.tracing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;

/** Handlers come and go while packets run: every packet must see one consistent, sorted snapshot. */
class PipelineConcurrencyTest {

    @Test
    void bindAndUnbindWhilePacketsRun() throws InterruptedException {
        PipelineRunner runner = runner(8, 1000);
        runner.bindHandler(tracing("a", Verdict.CONTINUE), props("a", HookPoint.RECEIVE, 1, null));
        runner.bindHandler(tracing("c", Verdict.CONTINUE), props("c", HookPoint.RECEIVE, 3, null));
        PacketHandler b = tracing("b", Verdict.CONTINUE);
        Map<String, Object> pb = props("b", HookPoint.RECEIVE, 2, null);

        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(2);
        Thread[] workers = new Thread[2];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(() -> {
                started.countDown();
                try {
                    for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                        PacketContext ctx = packet();
                        runner.run(HookPoint.RECEIVE, ctx);
                        seen.add(trace(ctx));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            workers[w].start();
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 2000; i++) {
            runner.bindHandler(b, pb);
            runner.unbindHandler(b, pb);
        }
        stop.set(true);
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(failure.get()).isNull();
        assertThat(seen).isSubsetOf(Set.of("ac", "abc")).contains("ac");
        assertThat(runner.handlers()).extracting(PipelineRunner.HandlerInfo::name).containsExactly("a", "c");
    }
}
