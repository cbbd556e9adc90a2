package org.leasehold.core.internal;

import java.time.Instant;

/**
 * Whether this core serves DHCP, and if not why: registered by {@link ServerComponent} from the
 * moment it activates, so that {@code dhcp:status} and {@code dhcp:health} can say so even when the
 * server never started (a held port, a bad {@code listen} entry, a journal in use). Thread-safe.
 */
public final class ServingState {

    /** What the core is doing. */
    public enum Phase {
        STARTING, SERVING, NOT_SERVING
    }

    /** One state and since when; {@code detail} is where it serves, or why it does not. */
    public record Snapshot(Phase phase, String detail, Instant since) {
    }

    private volatile Snapshot now = new Snapshot(Phase.STARTING, "", Instant.now());

    void serving(String where) {
        now = new Snapshot(Phase.SERVING, where, Instant.now());
    }

    void notServing(String why) {
        now = new Snapshot(Phase.NOT_SERVING, why, Instant.now());
    }

    public Snapshot snapshot() {
        return now;
    }

    /** The first line of {@code dhcp:status}: {@code serving on ...}, {@code starting}, or {@code not serving: <reason>}. */
    public String headline() {
        Snapshot s = now;
        return switch (s.phase()) {
            case SERVING -> "serving on " + s.detail() + " since " + s.since();
            case STARTING -> "starting since " + s.since();
            case NOT_SERVING -> "not serving: " + s.detail() + " (since " + s.since() + ")";
        };
    }
}
