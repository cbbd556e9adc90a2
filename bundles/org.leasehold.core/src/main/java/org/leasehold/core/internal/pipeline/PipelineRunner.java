package org.leasehold.core.internal.pipeline;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.pipeline.FailureMode;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.leasehold.api.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link PacketHandler}s of a hook point for one packet.
 *
 * <p>Handlers come and go as DS services. Each bind, unbind or property update rebuilds an immutable
 * sorted list per hook point under a lock taken only by those events; {@link #run} reads the current
 * snapshot from a volatile field and takes no lock, so a packet in flight finishes a point with the
 * handlers it started with. Thread-safe.
 */
@Component(service = PipelineRunner.class, configurationPid = PipelineConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PipelineConfig.class)
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final int HOOKS = HookPoint.values().length;

    private final int maxParked;
    private final long parkTimeoutMillis;
    private final RateLimitedLog warnings;
    private final Map<PacketHandler, HandlerEntry> bound = new IdentityHashMap<>();
    private final AtomicInteger parked = new AtomicInteger();
    private final LongAdder parkRejected = new LongAdder();
    private volatile List<List<HandlerEntry>> snapshot = emptySnapshot();

    @Activate
    public PipelineRunner(PipelineConfig config) {
        this.maxParked = Math.max(0, config.maxParked());
        this.parkTimeoutMillis = Math.max(1, config.parkTimeoutMillis());
        this.warnings = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(Math.max(0, config.warnIntervalSeconds())),
                System::nanoTime);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(PacketHandler handler, Map<String, Object> props) {
        put(handler, props, new HandlerStats());
    }

    void updatedHandler(PacketHandler handler, Map<String, Object> props) {
        HandlerStats stats;
        synchronized (bound) {
            HandlerEntry old = bound.get(handler);
            stats = old != null ? old.stats() : new HandlerStats();
        }
        put(handler, props, stats);
    }

    void unbindHandler(PacketHandler handler, Map<String, Object> props) {
        synchronized (bound) {
            HandlerEntry gone = bound.remove(handler);
            if (gone != null) {
                LOG.info("Pipeline handler {} left {}", gone.name(), gone.hook());
            }
            rebuild();
        }
    }

    private void put(PacketHandler handler, Map<String, Object> props, HandlerStats stats) {
        HandlerEntry entry;
        try {
            entry = HandlerEntry.of(handler, props, stats);
        } catch (IllegalArgumentException e) {
            LOG.warn("Pipeline handler {} ignored: {}", handler.getClass().getName(), e.getMessage());
            synchronized (bound) {
                bound.remove(handler);
                rebuild();
            }
            return;
        }
        synchronized (bound) {
            bound.put(handler, entry);
            rebuild();
        }
        LOG.info("Pipeline handler {} at {} order {} (on error: {})", entry.name(), entry.hook(), entry.order(),
                entry.onError());
    }

    /** Called with {@code bound} locked. */
    private void rebuild() {
        List<List<HandlerEntry>> lists = new ArrayList<>(HOOKS);
        for (int i = 0; i < HOOKS; i++) {
            lists.add(new ArrayList<>());
        }
        for (HandlerEntry e : bound.values()) {
            lists.get(e.hook().ordinal()).add(e);
        }
        List<List<HandlerEntry>> frozen = new ArrayList<>(HOOKS);
        for (List<HandlerEntry> l : lists) {
            l.sort(HandlerEntry.RUN_ORDER);
            frozen.add(List.copyOf(l));
        }
        snapshot = List.copyOf(frozen);
    }

    private static List<List<HandlerEntry>> emptySnapshot() {
        List<List<HandlerEntry>> empty = new ArrayList<>(HOOKS);
        for (int i = 0; i < HOOKS; i++) {
            empty.add(List.of());
        }
        return List.copyOf(empty);
    }

    /**
     * Runs the handlers of {@code hook} in order until one decides. Never throws because of a
     * handler and never blocks.
     *
     * @return CONTINUE, SKIP, DROP or RESPOND; or a {@link Verdict.Park} whose stage completes with one
     *     of those four once the parked handler and the rest of the point have run (possibly on
     *     another thread: the caller hops back to its own executor)
     */
    public Verdict run(HookPoint hook, PacketContext ctx) {
        return runFrom(snapshot.get(hook.ordinal()), 0, ctx);
    }

    private Verdict runFrom(List<HandlerEntry> handlers, int start, PacketContext ctx) {
        for (int i = start; i < handlers.size(); i++) {
            HandlerEntry entry = handlers.get(i);
            Verdict v = invoke(entry, ctx);
            if (v instanceof Verdict.Park p) {
                return park(handlers, i, entry, p, ctx);
            }
            if (v != Verdict.CONTINUE) {
                LOG.debug("{}: {} said {} at {}", ctx.label(), entry.name(), v, entry.hook());
                return v;
            }
        }
        return Verdict.CONTINUE;
    }

    private Verdict invoke(HandlerEntry entry, PacketContext ctx) {
        long t0 = System.nanoTime();
        try {
            Verdict v = entry.handler().handle(ctx);
            if (v == null) {
                return failed(entry, ctx, new IllegalStateException("returned no verdict"));
            }
            return v;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a handler whose bundle is being uninstalled mid-packet.
            return failed(entry, ctx, e);
        } finally {
            entry.stats().called(System.nanoTime() - t0);
        }
    }

    private Verdict failed(HandlerEntry entry, PacketContext ctx, Throwable e) {
        entry.stats().failed();
        Verdict v = entry.onError() == FailureMode.DROP ? Verdict.DROP : Verdict.CONTINUE;
        warnings.warn(entry.name(), "Pipeline handler {} failed on {} at {}: {}; packet {}", entry.name(),
                ctx.label(), entry.hook(), String.valueOf(e), v == Verdict.DROP ? "dropped" : "continues");
        LOG.debug("Pipeline handler {} failure on {}", entry.name(), ctx.label(), e);
        return v;
    }

    private Verdict park(List<HandlerEntry> handlers, int index, HandlerEntry entry, Verdict.Park p,
            PacketContext ctx) {
        if (parked.incrementAndGet() > maxParked) {
            parked.decrementAndGet();
            parkRejected.increment();
            warnings.warn("park-bound", "Packet {} dropped: {} packets already parked (limit {}), last by {}",
                    ctx.label(), maxParked, maxParked, entry.name());
            return Verdict.DROP;
        }
        CompletableFuture<Verdict> waited = new CompletableFuture<>();
        p.resume().whenComplete((v, t) -> {
            if (t != null) {
                waited.completeExceptionally(t);
            } else {
                waited.complete(v);
            }
        });
        CompletableFuture<Verdict> result = new CompletableFuture<>();
        waited.orTimeout(parkTimeoutMillis, TimeUnit.MILLISECONDS).whenComplete((v, t) -> {
            parked.decrementAndGet();
            Verdict next = resumed(handlers, index, entry, ctx, v, t);
            if (next instanceof Verdict.Park again) {
                again.resume().whenComplete((v2, t2) -> complete(result, v2, t2));
            } else {
                result.complete(next);
            }
        });
        return Verdict.park(result);
    }

    private Verdict resumed(List<HandlerEntry> handlers, int index, HandlerEntry entry, PacketContext ctx,
            Verdict v, Throwable t) {
        try {
            Verdict decided = t != null || v == null
                    ? failed(entry, ctx, t != null ? t : new IllegalStateException("parked stage gave no verdict"))
                    : v;
            if (decided instanceof Verdict.Park p) {
                return park(handlers, index, entry, p, ctx);
            }
            return decided == Verdict.CONTINUE ? runFrom(handlers, index + 1, ctx) : decided;
        } catch (RuntimeException e) {
            return failed(entry, ctx, e);
        }
    }

    private static void complete(CompletableFuture<Verdict> result, Verdict v, Throwable t) {
        if (t != null) {
            result.completeExceptionally(t);
        } else {
            result.complete(v);
        }
    }

    /** What {@code dhcp:pipeline} shows: every bound handler in run order, point by point. */
    public List<HandlerInfo> handlers() {
        List<HandlerInfo> out = new ArrayList<>();
        for (List<HandlerEntry> point : snapshot) {
            for (HandlerEntry e : point) {
                HandlerStats s = e.stats();
                out.add(new HandlerInfo(e.hook(), e.order(), e.name(), e.onError(), s.calls(), s.errors(), s.nanos()));
            }
        }
        return List.copyOf(out);
    }

    /** Packets waiting on a parked handler right now. */
    public int parkedNow() {
        return parked.get();
    }

    public int maxParked() {
        return maxParked;
    }

    /** Packets dropped because the parked bound was reached. */
    public long parkRejected() {
        return parkRejected.sum();
    }

    /** One row of {@link #handlers()}. */
    public record HandlerInfo(HookPoint hook, int order, String name, FailureMode onError, long calls, long errors,
            long nanos) {
    }
}
