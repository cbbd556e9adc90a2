package org.leasehold.nacf.internal.codec;

import org.leasehold.nacf.A2Kind;

/** The numbers of the Leasehold a2 format: message codes, attribute types, sizes. */
final class Wire {

    static final int HEADER = 20;
    static final int AUTH = 16;
    /** Larger frames are refused as hostile: a binding needs a few hundred bytes. */
    static final int MAX_FRAME = 4096;
    static final int MAX_TEXT = 253;

    static final int CPE_IP = 1;
    static final int REALM = 2;
    static final int TOPOLOGY_ZONE = 3;
    static final int CIRCUIT_ID = 4;
    static final int REMOTE_ID = 5;
    static final int NETWORK_TYPE = 6;
    static final int MAC = 7;
    static final int LEASE_START = 8;
    static final int LEASE_END = 9;
    static final int RESULT = 10;
    static final int REASON = 11;

    /** Lease-End of a lease that never ends. */
    static final long INFINITE = 0xFFFF_FFFFL;

    private Wire() {
    }

    /** Message codes, written out so that a new {@link A2Kind} never renumbers the wire. */
    static int code(A2Kind kind) {
        return switch (kind) {
            case ATTACH -> 1;
            case ATTACH_ANSWER -> 2;
            case DETACH -> 3;
            case DETACH_ANSWER -> 4;
            case PULL -> 5;
            case PULL_ANSWER -> 6;
            case HEARTBEAT -> 7;
            case HEARTBEAT_ANSWER -> 8;
            case ERROR -> 9;
        };
    }

    /** The kind of a code, or null for a code this format does not define. */
    static A2Kind kind(int code) {
        for (A2Kind k : A2Kind.values()) {
            if (code(k) == code) {
                return k;
            }
        }
        return null;
    }
}
