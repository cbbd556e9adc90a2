package org.leasehold.core.internal.pipeline;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Limits of the packet pipeline. PID {@value #PID}, file {@code etc/org.leasehold.core.pipeline.cfg};
 * every key has a safe default, so the file is optional.
 */
@ObjectClassDefinition(name = "Leasehold pipeline", description = "Bounds on parked packets and handler warnings")
public @interface PipelineConfig {

    String PID = "org.leasehold.core.pipeline";

    @AttributeDefinition(description = "Packets that may wait on parked handlers at once; more are dropped and counted")
    int maxParked() default 1024;

    @AttributeDefinition(description = "Milliseconds a parked packet may wait before it counts as a handler error")
    long parkTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Seconds between two WARN lines about the same failing handler")
    int warnIntervalSeconds() default 10;
}
