package org.leasehold.api.message;

/**
 * A relay agent information (option 82) sub-option code. Open value type: unknown codes are kept
 * and named {@code sub-option-NNN}. Immutable.
 */
public final class SubOptionCode extends OctetCode {
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

    private SubOptionCode(int code, String name) {
        super(code, name);
    }

    public static SubOptionCode valueOf(int code) {
        return ALL[checkOctet(code, "sub-option code")];
    }
}
