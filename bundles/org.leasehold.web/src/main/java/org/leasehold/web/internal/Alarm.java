package org.leasehold.web.internal;

import java.util.Map;

/**
 * One alarm transition: raised or cleared for a state alarm (pool utilisation), raised for an event alarm
 * (option 82 parse failures, slow fsyncs since the last check). Immutable.
 *
 * @param kind       {@code pool-utilisation}, {@code option82-parse-failure} or {@code slow-fsync}
 * @param raised     true when raised, false when cleared
 * @param subject    what it is about ({@code server}, {@code subnet/pool}, {@code journal}, {@code option82})
 * @param message    the log line's text
 * @param properties the event's properties besides kind, state, subject and message
 */
record Alarm(String kind, boolean raised, String subject, String message, Map<String, Object> properties) {

    static final String POOL = "pool-utilisation";
    static final String OPTION82 = "option82-parse-failure";
    static final String SLOW_FSYNC = "slow-fsync";
    static final String TOPIC_PREFIX = "org/leasehold/alarm/";

    /** The EventAdmin topic: {@code org/leasehold/alarm/POOL_UTILISATION} and so on. */
    String topic() {
        return TOPIC_PREFIX + kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
