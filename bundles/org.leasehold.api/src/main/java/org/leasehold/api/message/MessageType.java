package org.leasehold.api.message;

/**
 * DHCP message type (option 53). Open value type: unknown codes are kept ({@code valueOf(99)} works)
 * so a packet with a type we do not know can still be logged and relayed. Immutable.
 */
public final class MessageType extends OctetCode {
    private static final String[] NAMES = {null, "DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK",
        "NAK", "RELEASE", "INFORM", "FORCERENEW", "LEASEQUERY", "LEASEUNASSIGNED", "LEASEUNKNOWN",
        "LEASEACTIVE"};
    private static final MessageType[] ALL = new MessageType[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALL[i] = new MessageType(i, i < NAMES.length && NAMES[i] != null ? NAMES[i] : "TYPE-" + i);
        }
    }

    public static final MessageType DISCOVER = ALL[1];
    public static final MessageType OFFER = ALL[2];
    public static final MessageType REQUEST = ALL[3];
    public static final MessageType DECLINE = ALL[4];
    public static final MessageType ACK = ALL[5];
    public static final MessageType NAK = ALL[6];
    public static final MessageType RELEASE = ALL[7];
    public static final MessageType INFORM = ALL[8];
    public static final MessageType FORCERENEW = ALL[9];

    private MessageType(int code, String name) {
        super(code, name);
    }

    /** The shared instance for a code 0-255 (unknown codes are named {@code TYPE-n}). */
    public static MessageType valueOf(int code) {
        return ALL[checkOctet(code, "message type")];
    }

    @Override
    public String toString() {
        return name();
    }
}
