package org.leasehold.api.metrics;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link MetricsSource} reports its values during one collection. Names follow the OpenMetrics
 * rules ({@code leasehold_failover_binding_updates_total}: lower case, underscores, counters ending in
 * {@code _total}); one name keeps one type and help text across sources. Not thread-safe: one sink is
 * used by one collection on one thread.
 */
@ProviderType
public interface MetricSink {

    /** A value that only grows (it restarts from zero when its owner restarts). */
    void counter(String name, String help, Map<String, String> labels, double value);

    /** A value that goes up and down (queue depth, leases in a state, a state as a number). */
    void gauge(String name, String help, Map<String, String> labels, double value);
}
