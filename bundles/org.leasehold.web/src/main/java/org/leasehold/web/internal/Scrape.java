package org.leasehold.web.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection from every {@link MetricsSource}: the families by name, in the order first reported.
 * A sample whose name is not a valid metric name, whose name was already reported with another type,
 * or whose source throws, is left out and counted in {@code leasehold_metrics_rejected_total}; the rest
 * of the scrape stands. Not thread-safe: one scrape on one thread.
 */
final class Scrape implements MetricSink {

    private static final Logger LOG = LoggerFactory.getLogger(Scrape.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, MetricFamily> families = new LinkedHashMap<>();
    private long rejected;

    /** Collects every source in turn; one that throws loses its samples from the point it threw. */
    static Scrape of(Collection<MetricsSource> sources) {
        Scrape scrape = new Scrape();
        for (MetricsSource source : sources) {
            try {
                source.collect(scrape);
            } catch (RuntimeException e) {
                scrape.rejected++;
                LOG.debug("Metrics source {} failed: {}", source.getClass().getName(), String.valueOf(e));
            }
        }
        scrape.counter("leasehold_metrics_rejected_total",
                "Samples left out of this scrape (bad name, type clash, failing source)", Map.of(), scrape.rejected);
        return scrape;
    }

    @Override
    public void counter(String name, String help, Map<String, String> labels, double value) {
        MetricFamily f = family(name, MetricFamily.Type.COUNTER, help, labels);
        if (f != null) {
            f.add(new MetricFamily.Sample("", Map.copyOf(labels), value));
        }
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, double value) {
        MetricFamily f = family(name, MetricFamily.Type.GAUGE, help, labels);
        if (f != null) {
            f.add(new MetricFamily.Sample("", Map.copyOf(labels), value));
        }
    }

    @Override
    public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds, long[] counts,
            long count, double sum) {
        if (labels == null || upperBounds == null || counts == null || upperBounds.length != counts.length
                || labels.containsKey("le")) {
            rejected++;
            return;
        }
        MetricFamily f = family(name, MetricFamily.Type.HISTOGRAM, help, labels);
        if (f == null) {
            return;
        }
        for (int i = 0; i < upperBounds.length; i++) {
            f.add(new MetricFamily.Sample("_bucket", withLe(labels, ExpositionWriter.number(upperBounds[i])), counts[i]));
        }
        f.add(new MetricFamily.Sample("_bucket", withLe(labels, "+Inf"), count));
        f.add(new MetricFamily.Sample("_count", Map.copyOf(labels), count));
        f.add(new MetricFamily.Sample("_sum", Map.copyOf(labels), sum));
    }

    private static Map<String, String> withLe(Map<String, String> labels, String le) {
        Map<String, String> m = new LinkedHashMap<>(labels);
        m.put("le", le);
        return m;
    }

    private MetricFamily family(String name, MetricFamily.Type type, String help, Map<String, String> labels) {
        if (name == null || labels == null || !NAME.matcher(name).matches() || !labels.entrySet().stream().allMatch(
                e -> e.getKey() != null && LABEL.matcher(e.getKey()).matches() && !e.getKey().startsWith("__")
                        && e.getValue() != null)) {
            rejected++;
            return null;
        }
        MetricFamily f = families.computeIfAbsent(name, n -> new MetricFamily(n, type, help == null ? "" : help));
        if (f.type() != type) {
            rejected++;
            return null;
        }
        return f;
    }

    /** Every family, in first-reported order. */
    List<MetricFamily> families() {
        return List.copyOf(families.values());
    }

    Optional<MetricFamily> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** The samples of a family (none when absent). */
    List<MetricFamily.Sample> samples(String name) {
        MetricFamily f = families.get(name);
        return f == null ? List.of() : f.samples();
    }
}
