package org.leasehold.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.api.metrics.MetricsSource;

class ExpositionWriterTest {

    private static final MetricsSource SOURCE = sink -> {
        sink.counter("leasehold_messages_received_total", "DHCP messages received", Map.of("type", "DISCOVER"), 3);
        sink.counter("leasehold_messages_received_total", "DHCP messages received", Map.of("type", "REQUEST"), 2);
        sink.gauge("leasehold_leases", "Leases \"per\" state\\", Map.of("state", "active", "x", "a\"b\\c\nd"), 1.5);
        sink.histogram("leasehold_journal_fsync_seconds", "fsyncs", Map.of(), new double[] {0.001, 0.5, 2},
                new long[] {1, 3, 3}, 4, 3.25);
    };

    @Test
    void prometheusTextKeepsCounterNamesAndEscapesLabels() {
        String text = ExpositionWriter.render(Scrape.of(List.of(SOURCE)).families(), false);
        assertThat(text).contains("# TYPE leasehold_messages_received_total counter\n"
                + "leasehold_messages_received_total{type=\"DISCOVER\"} 3\n"
                + "leasehold_messages_received_total{type=\"REQUEST\"} 2\n");
        assertThat(text).contains("leasehold_leases{state=\"active\",x=\"a\\\"b\\\\c\\nd\"} 1.5\n");
        assertThat(text).contains("# HELP leasehold_leases Leases \"per\" state\\\\\n");
        assertThat(text).doesNotContain("# EOF");
    }

    @Test
    void openMetricsNamesCounterFamiliesWithoutTotalAndEnds() {
        String text = ExpositionWriter.render(Scrape.of(List.of(SOURCE)).families(), true);
        assertThat(text).contains("# TYPE leasehold_messages_received counter\n"
                + "leasehold_messages_received_total{type=\"DISCOVER\"} 3\n");
        assertThat(text).contains("# HELP leasehold_leases Leases \\\"per\\\" state\\\\\n");
        assertThat(text).endsWith("leasehold_metrics_rejected_total 0\n# EOF\n");
    }

    @Test
    void histogramHasCumulativeBucketsInfCountAndSum() {
        String text = ExpositionWriter.render(Scrape.of(List.of(SOURCE)).families(), true);
        assertThat(text).contains("# TYPE leasehold_journal_fsync_seconds histogram\n"
                + "leasehold_journal_fsync_seconds_bucket{le=\"0.001\"} 1\n"
                + "leasehold_journal_fsync_seconds_bucket{le=\"0.5\"} 3\n"
                + "leasehold_journal_fsync_seconds_bucket{le=\"2\"} 3\n"
                + "leasehold_journal_fsync_seconds_bucket{le=\"+Inf\"} 4\n"
                + "leasehold_journal_fsync_seconds_count 4\n"
                + "leasehold_journal_fsync_seconds_sum 3.25\n");
    }

    @Test
    void numbersArePlain() {
        assertThat(ExpositionWriter.number(0.0001)).isEqualTo("0.0001");
        assertThat(ExpositionWriter.number(42)).isEqualTo("42");
        assertThat(ExpositionWriter.number(Double.NaN)).isEqualTo("NaN");
        assertThat(ExpositionWriter.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(ExpositionWriter.number(1e20)).isEqualTo("100000000000000000000");
    }

    @Test
    void acceptHeaderChoosesFormat() {
        assertThat(ExpositionWriter.wantsOpenMetrics("application/openmetrics-text;version=1.0.0,text/plain;q=0.5"))
                .isTrue();
        assertThat(ExpositionWriter.wantsOpenMetrics("*/*")).isFalse();
        assertThat(ExpositionWriter.wantsOpenMetrics(null)).isFalse();
    }
}
