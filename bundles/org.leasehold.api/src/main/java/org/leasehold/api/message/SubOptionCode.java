package org.leasehold.api.message;

/**
 * A relay agent information (option 82) sub-option code. Open value type: unknown codes are kept
 * and named {@code sub-option-NNN}. Immutable.
 */
public final class SubOptionCode {
    private static final SubOptionCode[] ALL = new SubOptionCode[256];

    static {
        for (int i = 0; i < 256; i++) {
            String name = switch (i) {
                case 1 -> "circuit-id";
                case 2 -> "remote-id";
                case 3 -> "agent-id";
                case 4 -> "DOCSIS-device-class";
                case 5 -> "link-selection";
                case 6 -> "subscriber-id";
                case 9 -> "vendor-specific";
                case 10 -> "flags";
                case 11 -> "server-id-override";
                default -> "sub-option-" + i;
            };
            ALL[i] = new SubOptionCode(i, name);
        }
    }

    public static final SubOptionCode CIRCUIT_ID = ALL[1];
    public static final SubOptionCode REMOTE_ID = ALL[2];
    public static final SubOptionCode LINK_SELECTION = ALL[5];
    public static final SubOptionCode SUBSCRIBER_ID = ALL[6];

    private final int code;
    private final String name;

    private SubOptionCode(int code, String name) {
        this.code = code;
        this.name = name;
    }

    public static SubOptionCode valueOf(int code) {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("sub-option code out of range 0-255: " + code);
        }
        return ALL[code];
    }

    public int code() {
        return code;
    }

    /** ISC dhcpd name within the agent space, e.g. {@code circuit-id}. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubOptionCode s && s.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
