package org.leasehold.failover.internal.wire;

/**
 * A failover message type (draft-ietf-dhc-failover-12 §6.1; ISC dhcpd's {@code FTM_*}). An open value:
 * codes this server does not know are kept, so a message survives a decode/encode round trip.
 * Immutable.
 */
public record MessageType(int code) {

    public static final MessageType POOLREQ = new MessageType(1);
    public static final MessageType POOLRESP = new MessageType(2);
    public static final MessageType BNDUPD = new MessageType(3);
    public static final MessageType BNDACK = new MessageType(4);
    public static final MessageType CONNECT = new MessageType(5);
    public static final MessageType CONNECTACK = new MessageType(6);
    public static final MessageType UPDREQALL = new MessageType(7);
    public static final MessageType UPDDONE = new MessageType(8);
    public static final MessageType UPDREQ = new MessageType(9);
    public static final MessageType STATE = new MessageType(10);
    public static final MessageType CONTACT = new MessageType(11);
    public static final MessageType DISCONNECT = new MessageType(12);

    private static final String[] NAMES = {null, "POOLREQ", "POOLRESP", "BNDUPD", "BNDACK", "CONNECT", "CONNECTACK",
        "UPDREQALL", "UPDDONE", "UPDREQ", "STATE", "CONTACT", "DISCONNECT"};

    public MessageType {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("message type " + code + " is not one byte");
        }
    }

    public static MessageType valueOf(int code) {
        return new MessageType(code);
    }

    /** Whether the draft defines this type. */
    public boolean known() {
        return code >= 1 && code < NAMES.length;
    }

    @Override
    public String toString() {
        return known() ? NAMES[code] : "type-" + code;
    }
}
