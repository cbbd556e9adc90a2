package org.leasehold.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Packet counters of the engine, by name ("rx.DISCOVER", "tx.OFFER", "drop.decode"...). Thread-safe. */
public final class EngineStats {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    void count(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    /** A sorted snapshot. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.keySet().stream().sorted().forEach(k -> out.put(k, counters.get(k).sum()));
        return out;
    }
}
