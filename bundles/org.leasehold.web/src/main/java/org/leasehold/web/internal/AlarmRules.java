package org.leasehold.web.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives alarms from successive scrapes: a pool (and the server as a whole, the spec's server-level
 * {@code leasethreshold}) whose utilisation reaches the threshold is raised once and cleared once it falls
 * back below; option 82 parse failures and slow journal fsyncs raise an alarm in every check that saw the
 * counter grow (counters start from zero, so what happened before the first check is reported by it).
 * Not thread-safe: one checker thread.
 */
final class AlarmRules {

    private final Set<String> raised = new HashSet<>();
    private double option82Failures;
    private double slowFsyncs;

    List<Alarm> check(Scrape scrape, int thresholdPercent) {
        List<Alarm> out = new ArrayList<>();
        if (thresholdPercent > 0) {
            pools(scrape, thresholdPercent, out);
        }
        double failures = scrape.family("leasehold_option82_packets_total")
                .map(f -> f.sum(Map.of("outcome", "unparseable"))).orElse(0.0);
        if (failures > option82Failures) {
            long n = (long) (failures - option82Failures);
            out.add(new Alarm(Alarm.OPTION82, true, "option82", n + " relayed packet(s) with option 82 no rule could"
                    + " parse since the last check (" + (long) failures + " in all)", Map.of("count", n,
                    "total", (long) failures)));
        }
        option82Failures = failures;
        double slow = scrape.family("leasehold_journal_slow_fsyncs_total").map(f -> f.sum(Map.of())).orElse(0.0);
        if (slow > slowFsyncs) {
            long n = (long) (slow - slowFsyncs);
            out.add(new Alarm(Alarm.SLOW_FSYNC, true, "journal", n + " lease journal fsync(s) of 100 ms or more since"
                    + " the last check (" + (long) slow + " in all); every ACK of such a batch waited as long",
                    Map.of("count", n, "total", (long) slow)));
        }
        slowFsyncs = slow;
        return out;
    }

    private void pools(Scrape scrape, int threshold, List<Alarm> out) {
        Set<String> seen = new HashSet<>();
        double size = 0;
        double used = 0;
        for (MetricFamily.Sample s : scrape.samples("leasehold_pool_addresses")) {
            Map<String, String> id = s.labels();
            double busy = sum(scrape, "leasehold_pool_busy_addresses", id)
                    + sum(scrape, "leasehold_pool_abandoned_addresses", id);
            size += s.value();
            used += busy;
            String subject = id.getOrDefault("subnet", "?") + " pool " + id.getOrDefault("pool", "?")
                    + (id.getOrDefault("space", "").isEmpty() ? "" : " (" + id.get("space") + ")");
            seen.add(subject);
            transition(subject, s.value(), busy, threshold, id, out);
        }
        seen.add("server");
        transition("server", size, used, threshold, Map.of(), out);
        // pools gone with a reload: their alarms clear
        for (String gone : new ArrayList<>(raised)) {
            if (!seen.contains(gone)) {
                raised.remove(gone);
                out.add(new Alarm(Alarm.POOL, false, gone, gone + ": pool no longer configured", Map.of()));
            }
        }
    }

    private void transition(String subject, double size, double used, int threshold, Map<String, String> id,
            List<Alarm> out) {
        double percent = size == 0 ? 0 : used * 100 / size;
        boolean over = size > 0 && percent >= threshold;
        Map<String, Object> props = new LinkedHashMap<>(id);
        props.put("size", (long) size);
        props.put("used", (long) used);
        props.put("utilisation", percent);
        props.put("threshold", threshold);
        String text = String.format(java.util.Locale.ROOT, "%s: %.1f%% in use (%d of %d addresses), threshold %d%%",
                subject, percent, (long) used, (long) size, threshold);
        if (over && raised.add(subject)) {
            out.add(new Alarm(Alarm.POOL, true, subject, text, props));
        } else if (!over && raised.remove(subject)) {
            out.add(new Alarm(Alarm.POOL, false, subject, text, props));
        }
    }

    private static double sum(Scrape scrape, String family, Map<String, String> id) {
        return scrape.family(family).map(f -> f.sum(id)).orElse(0.0);
    }
}
