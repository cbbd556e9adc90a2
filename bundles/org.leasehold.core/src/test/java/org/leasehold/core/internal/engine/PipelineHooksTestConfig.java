package org.leasehold.core.internal.engine;

import java.util.Map;
import org.leasehold.testing.Configs;
import org.leasehold.core.internal.pipeline.PipelineConfig;

/** A pipeline configuration for engine tests: 16 parked packets, 10 s park timeout. */
final class PipelineHooksTestConfig {

    private PipelineHooksTestConfig() {
    }

    static PipelineConfig config() {
        return Configs.of(PipelineConfig.class, Map.of("maxParked", 16, "parkTimeoutMillis", 10_000L, "warnIntervalSeconds", 10));
    }
}
