package org.leasehold.options.internal;

import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.PacketContext;

/** What the option handlers share: which replies may carry options and how to add one. */
final class Replies {

    static final int PARAMETER_REQUEST_LIST = 55;

    private Replies() {
    }

    /**
     * The reply when it may carry configuration options: an OFFER, an ACK, or a BOOTP reply
     * (never a NAK, RFC 2131 table 3).
     */
    static Optional<DhcpMessage> configurable(PacketContext ctx) {
        if (!ctx.hasRequest()) {
            return Optional.empty();
        }
        return ctx.reply().filter(r -> r.messageType().map(t -> t.equals(MessageType.OFFER)
                || t.equals(MessageType.ACK)).orElse(true));
    }

    /** Whether the client listed {@code code} in its parameter request list. */
    static boolean requested(DhcpMessage request, int code) {
        byte[] prl = request.options().bytes(PARAMETER_REQUEST_LIST).orElse(new byte[0]);
        for (byte b : prl) {
            if ((b & 0xff) == code) {
                return true;
            }
        }
        return false;
    }

    /** Sets the reply to {@code reply} with {@code option} added or replacing one of its code. */
    static void put(PacketContext ctx, DhcpMessage reply, DhcpOption option) {
        ctx.reply(reply.toBuilder().options(reply.options().with(option)).build());
    }
}
