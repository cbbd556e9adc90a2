package org.leasehold.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that has metrics to show: the core's packet counters, a capability's queue depths. Register
 * it as a service; a collector (the metrics endpoint) calls {@link #collect} on each scrape from a thread
 * of its own. Implementations are thread-safe, read counters they already keep, and never block.
 */
@ConsumerType
public interface MetricsSource {

    /** Reports every current value to {@code sink}. */
    void collect(MetricSink sink);
}
