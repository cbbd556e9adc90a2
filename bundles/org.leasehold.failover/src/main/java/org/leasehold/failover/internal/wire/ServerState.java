package org.leasehold.failover.internal.wire;

import java.util.Locale;

/**
 * A failover server state (draft-12 §9 and §12.24 codes as ISC dhcpd 4.4 numbers them, RECOVER-WAIT
 * 254 as ISC has it). An open value: a partner's unknown code is kept (and answered with SHUTDOWN,
 * as ISC does). Immutable.
 */
public record ServerState(int code) {

    public static final ServerState UNKNOWN = new ServerState(0);
    public static final ServerState STARTUP = new ServerState(1);
    public static final ServerState NORMAL = new ServerState(2);
    public static final ServerState COMMUNICATIONS_INTERRUPTED = new ServerState(3);
    public static final ServerState PARTNER_DOWN = new ServerState(4);
    public static final ServerState POTENTIAL_CONFLICT = new ServerState(5);
    public static final ServerState RECOVER = new ServerState(6);
    public static final ServerState PAUSED = new ServerState(7);
    public static final ServerState SHUTDOWN = new ServerState(8);
    public static final ServerState RECOVER_DONE = new ServerState(9);
    public static final ServerState RESOLUTION_INTERRUPTED = new ServerState(10);
    public static final ServerState CONFLICT_DONE = new ServerState(11);
    public static final ServerState RECOVER_WAIT = new ServerState(254);

    private static final String[] NAMES = {"unknown-state", "startup", "normal", "communications-interrupted",
        "partner-down", "potential-conflict", "recover", "paused", "shutdown", "recover-done",
        "resolution-interrupted", "conflict-done"};

    public ServerState {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("server state " + code + " is not one byte");
        }
    }

    public static ServerState valueOf(int code) {
        return new ServerState(code);
    }

    /** Parses the name {@link #toString()} gives (case-insensitive, '_' for '-' allowed). */
    public static ServerState parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("recover-wait")) {
            return RECOVER_WAIT;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return new ServerState(i);
            }
        }
        throw new IllegalArgumentException("unknown failover state '" + name + "'");
    }

    public boolean known() {
        return code < NAMES.length || code == 254;
    }

    /** The state's name as ISC dhcpd logs it ({@code communications-interrupted}). */
    @Override
    public String toString() {
        if (code == 254) {
            return "recover-wait";
        }
        return code < NAMES.length ? NAMES[code] : "state-" + code;
    }
}
