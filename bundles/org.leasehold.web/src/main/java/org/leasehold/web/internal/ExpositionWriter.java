package org.leasehold.web.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Scrape} as the Prometheus text format 0.0.4 or as OpenMetrics 1.0 text (what
 * Prometheus asks for first). The two differ where a counter is named: OpenMetrics names the family
 * without {@code _total} and its sample with it, and the text ends with {@code # EOF}. Stateless.
 */
final class ExpositionWriter {

    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ExpositionWriter() {
    }

    /** Whether an {@code Accept} header asks for OpenMetrics. */
    static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.contains("application/openmetrics-text");
    }

    static String render(List<MetricFamily> families, boolean openMetrics) {
        StringBuilder out = new StringBuilder(4096);
        for (MetricFamily f : families) {
            String sampleName = f.name();
            String familyName = f.name();
            if (openMetrics && f.type() == MetricFamily.Type.COUNTER) {
                if (familyName.endsWith("_total")) {
                    familyName = familyName.substring(0, familyName.length() - "_total".length());
                } else {
                    sampleName = familyName + "_total";
                }
            }
            out.append("# HELP ").append(familyName).append(' ').append(escapeHelp(f.help(), openMetrics)).append('\n');
            out.append("# TYPE ").append(familyName).append(' ').append(f.type().name().toLowerCase(java.util.Locale.ROOT))
                    .append('\n');
            for (MetricFamily.Sample s : f.samples()) {
                out.append(f.type() == MetricFamily.Type.HISTOGRAM ? f.name() + s.suffix() : sampleName);
                labels(out, s.labels());
                out.append(' ').append(number(s.value())).append('\n');
            }
        }
        if (openMetrics) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static void labels(StringBuilder out, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(labels).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(e.getKey()).append("=\"").append(escapeLabel(e.getValue())).append('"');
        }
        out.append('}');
    }

    static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v, boolean openMetrics) {
        String s = v.replace("\\", "\\\\").replace("\n", "\\n");
        return openMetrics ? s.replace("\"", "\\\"") : s;
    }

    /** A sample value or bound: integers without a fraction, others in plain decimal; NaN and infinities by name. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
