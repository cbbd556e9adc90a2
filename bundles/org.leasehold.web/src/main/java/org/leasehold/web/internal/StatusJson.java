package org.leasehold.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status page shows, as JSON, from one {@link Scrape} and the installed capability bundles:
 * pools (as {@code dhcp:pool-stats} has them, Used% rounded down the same way), leases per state, packet
 * counters (the page turns successive ones into rates), capabilities and failover relationships. Stateless.
 */
final class StatusJson {

    /** A Leasehold bundle that is installed: symbolic name, version, state. */
    record Capability(String name, String version, String state) {
    }

    private StatusJson() {
    }

    static String render(Scrape s, List<Capability> capabilities, long nowMillis, int refreshSeconds) {
        StringBuilder b = new StringBuilder(2048).append('{');
        b.append("\"time\":").append(nowMillis).append(",\"refreshSeconds\":").append(refreshSeconds);
        b.append(",\"pools\":[");
        List<MetricFamily.Sample> sizes = s.samples("leasehold_pool_addresses");
        for (int i = 0; i < sizes.size(); i++) {
            Map<String, String> id = sizes.get(i).labels();
            long size = (long) sizes.get(i).value();
            long busy = (long) value(s, "leasehold_pool_busy_addresses", id);
            long abandoned = (long) value(s, "leasehold_pool_abandoned_addresses", id);
            b.append(i == 0 ? "" : ",").append('{');
            field(b, "subnet", id.getOrDefault("subnet", "")).append(',');
            field(b, "pool", id.getOrDefault("pool", "")).append(',');
            field(b, "space", id.getOrDefault("space", "")).append(',');
            b.append("\"size\":").append(size).append(",\"busy\":").append(busy).append(",\"abandoned\":")
                    .append(abandoned).append(",\"free\":").append((long) value(s, "leasehold_pool_free_addresses", id))
                    .append(",\"usedPercent\":").append(size == 0 ? 0 : (busy + abandoned) * 100 / size).append('}');
        }
        b.append("],\"leases\":");
        byLabel(b, s, "leasehold_leases", "state");
        b.append(",\"packets\":{\"received\":").append(total(s, "leasehold_datagrams_received_total"))
                .append(",\"sent\":").append(total(s, "leasehold_datagrams_sent_total"))
                .append(",\"decodeErrors\":").append(total(s, "leasehold_decode_errors_total"))
                .append(",\"messagesReceived\":");
        byLabel(b, s, "leasehold_messages_received_total", "type");
        b.append(",\"messagesSent\":");
        byLabel(b, s, "leasehold_messages_sent_total", "type");
        b.append(",\"dropped\":");
        byLabel(b, s, "leasehold_messages_dropped_total", "reason");
        b.append("},\"capabilities\":[");
        for (int i = 0; i < capabilities.size(); i++) {
            Capability c = capabilities.get(i);
            b.append(i == 0 ? "" : ",").append('{');
            field(b, "name", c.name()).append(',');
            field(b, "version", c.version()).append(',');
            field(b, "state", c.state()).append('}');
        }
        b.append("],\"failover\":[");
        List<MetricFamily.Sample> states = s.samples("leasehold_failover_state");
        for (int i = 0; i < states.size(); i++) {
            Map<String, String> peer = states.get(i).labels();
            b.append(i == 0 ? "" : ",").append('{');
            field(b, "peer", peer.getOrDefault("peer", "")).append(',');
            field(b, "state", failoverState((int) states.get(i).value())).append(',');
            field(b, "partnerState", failoverState((int) value(s, "leasehold_failover_partner_state", peer)))
                    .append(",\"connected\":").append(value(s, "leasehold_failover_connected", peer) > 0).append('}');
        }
        return b.append("]}").toString();
    }

    /** draft-ietf-dhc-failover-12 state codes, as ISC dhcpd names them. */
    static String failoverState(int code) {
        String[] names = {"unknown-state", "startup", "normal", "communications-interrupted", "partner-down",
            "potential-conflict", "recover", "paused", "shutdown", "recover-done", "resolution-interrupted",
            "conflict-done"};
        if (code >= 0 && code < names.length) {
            return names[code];
        }
        return code == 254 ? "recover-wait" : "state-" + code;
    }

    private static double value(Scrape s, String family, Map<String, String> labels) {
        return s.family(family).map(f -> f.sum(labels)).orElse(0.0);
    }

    private static long total(Scrape s, String family) {
        return (long) value(s, family, Map.of());
    }

    private static void byLabel(StringBuilder b, Scrape s, String family, String label) {
        Map<String, Long> m = new TreeMap<>();
        for (MetricFamily.Sample x : s.samples(family)) {
            if (x.suffix().isEmpty()) {
                m.merge(x.labels().getOrDefault(label, ""), (long) x.value(), Long::sum);
            }
        }
        b.append('{');
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(quote(k) + ":" + v));
        b.append(String.join(",", parts)).append('}');
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return b.append(quote(name)).append(':').append(quote(value));
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '<' -> q.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
