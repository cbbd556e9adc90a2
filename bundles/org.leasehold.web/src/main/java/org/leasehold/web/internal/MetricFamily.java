package org.leasehold.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One metric family of a scrape: its name, type, help and samples in the order the sources reported
 * them. Built by one {@link Scrape} on one thread; read-only afterwards.
 */
final class MetricFamily {

    /** The OpenMetrics types the sink can report. */
    enum Type { COUNTER, GAUGE, HISTOGRAM }

    /** One line of the exposition: name suffix ({@code _bucket}, ...; empty for none), labels, value. */
    record Sample(String suffix, Map<String, String> labels, double value) {
    }

    private final String name;
    private final Type type;
    private final String help;
    private final List<Sample> samples = new ArrayList<>();

    MetricFamily(String name, Type type, String help) {
        this.name = name;
        this.type = type;
        this.help = help;
    }

    String name() {
        return name;
    }

    Type type() {
        return type;
    }

    String help() {
        return help;
    }

    List<Sample> samples() {
        return samples;
    }

    void add(Sample s) {
        samples.add(s);
    }

    /** The value of the sample without suffix whose labels include all of {@code match}; 0 when none. */
    double sum(Map<String, String> match) {
        double total = 0;
        for (Sample s : samples) {
            if (s.suffix().isEmpty() && s.labels().entrySet().containsAll(match.entrySet())) {
                total += s.value();
            }
        }
        return total;
    }
}
