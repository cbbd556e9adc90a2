package org.leasehold.nacf.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the NACF counts; shown by {@code dhcp:nacf-status} and exported as metrics. Thread-safe. */
final class NacfCounters {

    final LongAdder attachesSent = new LongAdder();
    final LongAdder detachesSent = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder unanswered = new LongAdder();
    final LongAdder lateAnswers = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder pullsAnswered = new LongAdder();
    final LongAdder pullsUnknown = new LongAdder();
    final LongAdder heartbeatsSent = new LongAdder();
    final LongAdder heartbeatsAnswered = new LongAdder();
    final LongAdder heartbeatsMissed = new LongAdder();
    final LongAdder clfDown = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder protocolResets = new LongAdder();
    final LongAdder syncAnswered = new LongAdder();
    final LongAdder syncFallbackGrant = new LongAdder();
    final LongAdder syncFallbackDrop = new LongAdder();

    /** Every counter by its stable name, in display order. */
    Map<String, Long> all() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("attaches-sent", attachesSent.sum());
        m.put("detaches-sent", detachesSent.sum());
        m.put("answered", answered.sum());
        m.put("refused", refused.sum());
        m.put("unanswered", unanswered.sum());
        m.put("late-answers", lateAnswers.sum());
        m.put("dropped", dropped.sum());
        m.put("replayed", replayed.sum());
        m.put("pulls-answered", pullsAnswered.sum());
        m.put("pulls-unknown", pullsUnknown.sum());
        m.put("heartbeats-sent", heartbeatsSent.sum());
        m.put("heartbeats-answered", heartbeatsAnswered.sum());
        m.put("heartbeats-missed", heartbeatsMissed.sum());
        m.put("clf-down", clfDown.sum());
        m.put("connects", connects.sum());
        m.put("connect-failures", connectFailures.sum());
        m.put("protocol-resets", protocolResets.sum());
        m.put("sync-answered", syncAnswered.sum());
        m.put("sync-fallback-grant", syncFallbackGrant.sum());
        m.put("sync-fallback-drop", syncFallbackDrop.sum());
        return m;
    }
}
