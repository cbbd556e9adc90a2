package org.leasehold.core.internal.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.leasehold.testing.Configs;
import org.leasehold.api.pipeline.AttributeKey;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;

/** Builders shared by the runner tests: configs, service properties, tracing handlers. */
final class RunnerFixtures {

    static final AttributeKey<StringBuffer> TRACE = AttributeKey.of("test.trace", StringBuffer.class);
    private static final AtomicLong SERVICE_IDS = new AtomicLong();

    private RunnerFixtures() {
    }

    static PipelineRunner runner(int maxParked, long parkTimeoutMillis) {
        return new PipelineRunner(Configs.of(PipelineConfig.class,
                Map.of("maxParked", maxParked, "parkTimeoutMillis", parkTimeoutMillis, "warnIntervalSeconds", 10)));
    }

    static Map<String, Object> props(String name, HookPoint hook, int order, String onError) {
        Map<String, Object> p = new HashMap<>();
        p.put(PacketHandler.NAME, name);
        p.put(PacketHandler.HOOK, hook.name());
        p.put(PacketHandler.ORDER, order);
        if (onError != null) {
            p.put(PacketHandler.ON_ERROR, onError);
        }
        p.put("service.id", SERVICE_IDS.incrementAndGet());
        return p;
    }

    static PacketContext packet() {
        PacketContext ctx = PacketContext.ofLeaseEvent("test-packet");
        ctx.put(TRACE, new StringBuffer());
        return ctx;
    }

    static String trace(PacketContext ctx) {
        return ctx.get(TRACE).orElseThrow().toString();
    }

    /** A handler that appends its mark to the trace and answers {@code verdict}. */
    static PacketHandler tracing(String mark, Verdict verdict) {
        return ctx -> {
            ctx.get(TRACE).orElseThrow().append(mark);
            return verdict;
        };
    }
}
