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

    /**
     * A distribution (a latency): how many observations fell at or below each upper bound, cumulative
     * as OpenMetrics has them ({@code counts[i]} observations were {@code <= upperBounds[i]}), plus the
     * count and sum of all observations (those above the last bound included). The collector adds the
     * {@code +Inf} bucket and the {@code _bucket}, {@code _count} and {@code _sum} series; {@code name}
     * is the family's name without those suffixes ({@code leasehold_journal_fsync_seconds}). The arrays
     * are read during the call only.
     *
     * @param upperBounds increasing upper bounds, in the unit of the name (seconds)
     * @param counts      cumulative counts, one per bound, never decreasing
     * @param count       all observations
     * @param sum         the sum of all observations
     */
    void histogram(String name, String help, Map<String, String> labels, double[] upperBounds, long[] counts,
            long count, double sum);
}
