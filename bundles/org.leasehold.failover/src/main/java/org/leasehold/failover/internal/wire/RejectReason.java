package org.leasehold.failover.internal.wire;

/** A reject reason (draft-12 §12.21, ISC's {@code FTR_*}). An open value. Immutable. */
public record RejectReason(int code) {

    public static final RejectReason ILLEGAL_IP_ADDR = new RejectReason(1);
    public static final RejectReason FATAL_CONFLICT = new RejectReason(2);
    public static final RejectReason MISSING_BINDINFO = new RejectReason(3);
    public static final RejectReason TIME_MISMATCH = new RejectReason(4);
    public static final RejectReason INVALID_MCLT = new RejectReason(5);
    public static final RejectReason MISC_REJECT = new RejectReason(6);
    public static final RejectReason DUP_CONNECTION = new RejectReason(7);
    public static final RejectReason INVALID_PARTNER = new RejectReason(8);
    public static final RejectReason TLS_UNSUPPORTED = new RejectReason(9);
    public static final RejectReason VERSION_MISMATCH = new RejectReason(14);
    public static final RejectReason OUTDATED_BIND_INFO = new RejectReason(15);
    public static final RejectReason LESS_CRIT_BIND_INFO = new RejectReason(16);
    public static final RejectReason NO_TRAFFIC = new RejectReason(17);
    public static final RejectReason HBA_CONFLICT = new RejectReason(18);
    public static final RejectReason IP_NOT_RESERVED = new RejectReason(19);
    public static final RejectReason UNKNOWN = new RejectReason(254);

    private static final String[] NAMES = {null, "Illegal IP address (not part of any address pool)",
        "Fatal conflict exists: address in use by other client", "Missing binding information",
        "Connection rejected, time mismatch too great", "Connection rejected, invalid MCLT",
        "Connection rejected, unknown reason", "Connection rejected, duplicate connection",
        "Connection rejected, invalid failover partner", "TLS not supported", "TLS supported but not configured",
        "TLS required but not supported by partner", "Message digest not supported",
        "Message digest not configured", "Protocol version mismatch", "Outdated binding information",
        "Less critical binding information", "No traffic within sufficient time", "Hash bucket assignment conflict",
        "IP not reserved on this server"};

    @Override
    public String toString() {
        return code >= 1 && code < NAMES.length ? NAMES[code] : "reject reason " + code;
    }
}
