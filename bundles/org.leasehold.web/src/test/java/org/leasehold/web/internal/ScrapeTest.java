package org.leasehold.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.api.metrics.MetricsSource;

class ScrapeTest {

    @Test
    void badSamplesAndFailingSourcesAreLeftOutAndCounted() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("peer", null);
        MetricsSource good = sink -> sink.gauge("leasehold_a", "a", Map.of(), 1);
        MetricsSource bad = sink -> {
            sink.counter("leasehold_a", "clash with the gauge", Map.of(), 2);
            sink.gauge("bad name", "", Map.of(), 1);
            sink.gauge("leasehold_b", "", Map.of("__reserved", "x"), 1);
            sink.gauge("leasehold_c", "", nullValue, 1);
            sink.histogram("leasehold_d", "", Map.of(), new double[] {1}, new long[] {1, 2}, 2, 1);
            throw new IllegalStateException("broken source");
        };
        MetricsSource after = sink -> sink.gauge("leasehold_e", "e", Map.of("k", "v"), 5);
        Scrape s = Scrape.of(List.of(good, bad, after));
        assertThat(s.families()).extracting(MetricFamily::name)
                .containsExactly("leasehold_a", "leasehold_e", "leasehold_metrics_rejected_total");
        assertThat(s.samples("leasehold_a")).hasSize(1);
        assertThat(s.family("leasehold_metrics_rejected_total").orElseThrow().sum(Map.of())).isEqualTo(6);
        assertThat(s.family("leasehold_e").orElseThrow().sum(Map.of("k", "v"))).isEqualTo(5);
        assertThat(s.family("leasehold_e").orElseThrow().sum(Map.of("k", "w"))).isZero();
    }
}
