package org.leasehold.core.internal.engine;

import java.lang.annotation.Annotation;
import org.leasehold.core.internal.pipeline.PipelineConfig;

/** A pipeline configuration for engine tests: 16 parked packets, 10 s park timeout. */
final class PipelineHooksTestConfig {

    private PipelineHooksTestConfig() {
    }

    static PipelineConfig config() {
        return new PipelineConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PipelineConfig.class;
            }

            @Override
            public int maxParked() {
                return 16;
            }

            @Override
            public long parkTimeoutMillis() {
                return 10_000;
            }

            @Override
            public int warnIntervalSeconds() {
                return 10;
            }
        };
    }
}
