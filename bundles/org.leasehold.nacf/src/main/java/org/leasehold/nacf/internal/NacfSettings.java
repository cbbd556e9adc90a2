package org.leasehold.nacf.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The validated configuration. Immutable.
 *
 * @param networkTypes network type by Option 82 rule name
 */
record NacfSettings(String host, int port, byte[] secret, String codec, boolean sync, Duration syncTimeout,
        boolean syncGrant, Duration heartbeatInterval, int heartbeatMisses, Duration reconnectMin,
        Duration reconnectMax, Duration answerTimeout, int queueCapacity, boolean queueOnOutage, int window,
        String networkType, Map<String, String> networkTypes, String defaultRealm, boolean resyncOnStart) {

    NacfSettings {
        networkTypes = Map.copyOf(networkTypes);
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Reads and checks the configuration; a bad value fails naming the PID and key. */
    static NacfSettings from(NacfConfig c, Map<String, Object> props) {
        if (c.secret().isEmpty()) {
            throw bad("secret", "is required (the CLF's shared secret)");
        }
        if (c.clf_port() < 1 || c.clf_port() > 65535) {
            throw bad("clf.port", c.clf_port() + " is not a TCP port");
        }
        boolean sync = switch (c.mode()) {
            case "sync" -> true;
            case "async" -> false;
            default -> throw bad("mode", "'" + c.mode() + "' is neither sync nor async");
        };
        boolean grant = switch (c.sync_fallback()) {
            case "grant" -> true;
            case "drop" -> false;
            default -> throw bad("sync.fallback", "'" + c.sync_fallback() + "' is neither grant nor drop");
        };
        boolean queue = switch (c.outage()) {
            case "queue" -> true;
            case "drop" -> false;
            default -> throw bad("outage", "'" + c.outage() + "' is neither queue nor drop");
        };
        positive("sync.timeout.ms", c.sync_timeout_ms());
        positive("heartbeat.interval.ms", c.heartbeat_interval_ms());
        positive("heartbeat.misses", c.heartbeat_misses());
        positive("reconnect.min.ms", c.reconnect_min_ms());
        positive("answer.timeout.ms", c.answer_timeout_ms());
        positive("queue.capacity", c.queue_capacity());
        if (c.window() < 1 || c.window() > 128) {
            throw bad("window", c.window() + " is outside 1..128");
        }
        if (c.reconnect_max_ms() < c.reconnect_min_ms()) {
            throw bad("reconnect.max.ms", "is below reconnect.min.ms");
        }
        Map<String, String> types = new HashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith("network.type.") && k.length() > "network.type.".length()) {
                types.put(k.substring("network.type.".length()), String.valueOf(v).trim());
            }
        });
        return new NacfSettings(c.clf_host().trim(), c.clf_port(), c.secret().getBytes(StandardCharsets.UTF_8),
                c.codec().trim(), sync, Duration.ofMillis(c.sync_timeout_ms()), grant,
                Duration.ofMillis(c.heartbeat_interval_ms()), c.heartbeat_misses(), Duration.ofMillis(c.reconnect_min_ms()),
                Duration.ofMillis(c.reconnect_max_ms()), Duration.ofMillis(c.answer_timeout_ms()), c.queue_capacity(),
                queue, c.window(), c.network_type().trim(), types, c.realm_default().trim(), c.resync_on_start());
    }

    private static void positive(String key, long v) {
        if (v <= 0) {
            throw bad(key, v + " must be positive");
        }
    }

    private static IllegalArgumentException bad(String key, String why) {
        return new IllegalArgumentException(NacfConfig.PID + " " + key + ": " + why);
    }
}
