package org.leasehold.core.internal.engine;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.core.internal.pipeline.PipelineRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a hook point through the pipeline runner when one is bound, and continues the packet with
 * the verdict: at once, or, when a handler parked it, on the packet's own event loop once the
 * stage completes. Without a runner every point says CONTINUE. Thread-safe.
 */
final class Hooks {

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    private final Supplier<PipelineRunner> runner;

    Hooks(Supplier<PipelineRunner> runner) {
        this.runner = runner;
    }

    /** Whether a pipeline runner is bound (capability attributes are worth computing). */
    boolean active() {
        return runner.get() != null;
    }

    void run(HookPoint point, Exchange x, Consumer<Verdict> next) {
        run(point, x.ctx, x.loop, next);
    }

    void run(HookPoint point, PacketContext ctx, Executor loop, Consumer<Verdict> next) {
        PipelineRunner r = runner.get();
        if (r == null) {
            next.accept(Verdict.CONTINUE);
            return;
        }
        Verdict v;
        try {
            v = r.run(point, ctx);
        } catch (RuntimeException e) {
            LOG.warn("Pipeline failed at {} for {}: {}", point, ctx.label(), String.valueOf(e));
            v = Verdict.CONTINUE;
        }
        if (v instanceof Verdict.Park p) {
            p.resume().whenComplete((resumed, t) -> loop.execute(() ->
                    next.accept(t != null || resumed == null || resumed instanceof Verdict.Park ? Verdict.DROP : resumed)));
        } else {
            next.accept(v);
        }
    }
}
