package org.leasehold.failover.internal.wire;

/**
 * A failover option code (draft-12 §12; ISC dhcpd's {@code FTO_*} and its {@code ft_options} table,
 * from which the value sizes here are taken). An open value: unknown codes are kept as bytes.
 * Immutable.
 */
public record OptionCode(int code) {

    public static final OptionCode ADDRESSES_TRANSFERRED = new OptionCode(1);
    public static final OptionCode ASSIGNED_IP_ADDRESS = new OptionCode(2);
    public static final OptionCode BINDING_STATUS = new OptionCode(3);
    public static final OptionCode CLIENT_IDENTIFIER = new OptionCode(4);
    public static final OptionCode CHADDR = new OptionCode(5);
    public static final OptionCode CLTT = new OptionCode(6);
    public static final OptionCode REPLY_OPTIONS = new OptionCode(7);
    public static final OptionCode REQUEST_OPTIONS = new OptionCode(8);
    public static final OptionCode DDNS = new OptionCode(9);
    public static final OptionCode DELAYED_SERVICE = new OptionCode(10);
    public static final OptionCode HBA = new OptionCode(11);
    public static final OptionCode IP_FLAGS = new OptionCode(12);
    public static final OptionCode LEASE_EXPIRY = new OptionCode(13);
    public static final OptionCode MAX_UNACKED = new OptionCode(14);
    public static final OptionCode MCLT = new OptionCode(15);
    public static final OptionCode MESSAGE = new OptionCode(16);
    public static final OptionCode MESSAGE_DIGEST = new OptionCode(17);
    public static final OptionCode POTENTIAL_EXPIRY = new OptionCode(18);
    public static final OptionCode RECEIVE_TIMER = new OptionCode(19);
    public static final OptionCode PROTOCOL_VERSION = new OptionCode(20);
    public static final OptionCode REJECT_REASON = new OptionCode(21);
    public static final OptionCode RELATIONSHIP_NAME = new OptionCode(22);
    public static final OptionCode SERVER_FLAGS = new OptionCode(23);
    public static final OptionCode SERVER_STATE = new OptionCode(24);
    public static final OptionCode STOS = new OptionCode(25);
    public static final OptionCode TLS_REPLY = new OptionCode(26);
    public static final OptionCode TLS_REQUEST = new OptionCode(27);
    public static final OptionCode VENDOR_CLASS = new OptionCode(28);
    public static final OptionCode VENDOR_OPTIONS = new OptionCode(29);

    /** Names as ISC dhcpd prints them, index = code. */
    private static final String[] NAMES = {null, "addresses-transferred", "assigned-IP-address", "binding-status",
        "client-identifier", "client-hardware-address", "client-last-transaction-time", "client-reply-options",
        "client-request-options", "DDNS", "delayed-service", "hash-bucket-assignment", "IP-flags",
        "lease-expiration-time", "max-unacked-bndupd", "MCLT", "message", "message-digest",
        "potential-expiration-time", "receive-timer", "protocol-version", "reject-reason", "relationship-name",
        "server-flags", "server-state", "start-time-of-state", "TLS-reply", "TLS-request",
        "vendor-class-identifier", "vendor-specific-options"};

    /** Fixed value sizes (ISC ft_sizes x num_present); 0 = any length. */
    private static final int[] SIZES = {0, 4, 4, 1, 0, 0, 4, 0, 0, 0, 1, 0, 2, 4, 4, 4, 0, 0, 4, 4, 1, 1, 0, 1, 1, 4,
        1, 1, 0, 0};

    public OptionCode {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("option code " + code + " is not 16 bits");
        }
    }

    public static OptionCode valueOf(int code) {
        return new OptionCode(code);
    }

    public boolean known() {
        return code >= 1 && code < NAMES.length;
    }

    /** The value's fixed size in bytes, or 0 when any length is allowed (or the code is unknown). */
    public int fixedSize() {
        return known() ? SIZES[code] : 0;
    }

    @Override
    public String toString() {
        return known() ? NAMES[code] : "option-" + code;
    }
}
