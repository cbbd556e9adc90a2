package org.leasehold.api.codec;

import java.util.Arrays;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOptions;

/**
 * How to lay out a reply for one client: its maximum DHCP message size (option 57, at least 576,
 * including the 28 bytes of IP and UDP headers as RFC 2132 §9.10 counts them), its parameter
 * request list (option 55, the order of options in the reply) and whether it is a BOOTP client.
 * Immutable.
 */
public record ReplyEncoding(int maxMessageSize, byte[] parameterRequestList, boolean bootp) {
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 576;

    public ReplyEncoding {
        maxMessageSize = Math.max(DEFAULT_MAX_MESSAGE_SIZE, maxMessageSize);
        parameterRequestList = parameterRequestList == null ? new byte[0] : parameterRequestList.clone();
    }

    /** The encoding a reply to {@code request} must follow (57, 55 and BOOTP-ness of the request). */
    public static ReplyEncoding forRequest(DhcpMessage request) {
        DhcpOptions o = request.options();
        int mms = o.uint16(57).orElse(DEFAULT_MAX_MESSAGE_SIZE);
        return new ReplyEncoding(mms, o.bytes(55).orElse(new byte[0]), request.isBootp());
    }

    /** Defaults: 576 bytes, no request list, DHCP. */
    public static ReplyEncoding defaults() {
        return new ReplyEncoding(DEFAULT_MAX_MESSAGE_SIZE, new byte[0], false);
    }

    @Override
    public byte[] parameterRequestList() {
        return parameterRequestList.clone();
    }

    /** The UDP payload limit: maxMessageSize less IP (20) and UDP (8) headers. */
    public int maxPayload() {
        return maxMessageSize - 28;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplyEncoding r && r.maxMessageSize == maxMessageSize && r.bootp == bootp
            && Arrays.equals(r.parameterRequestList, parameterRequestList);
    }

    @Override
    public int hashCode() {
        return maxMessageSize * 31 + Arrays.hashCode(parameterRequestList) + (bootp ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ReplyEncoding[maxMessageSize=" + maxMessageSize + ", prl=" + Arrays.toString(parameterRequestList)
            + ", bootp=" + bootp + "]";
    }
}
