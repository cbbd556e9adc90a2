package org.leasehold.ddns.internal;

import java.util.Optional;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.ddns.internal.FqdnPolicy.Decision;

/**
 * At RESPOND (order {@value #ORDER}): answers a client's FQDN option 81 in its OFFER and ACK with the server's
 * (RFC 4702 §4.2): who updates what (S, O, N), the client's encoding (E) and the name the server
 * registers. Clients that sent no option 81 get none. Never blocks. Thread-safe.
 */
final class FqdnReplyHandler implements PacketHandler {

    static final int ORDER = 500;
    static final String NAME = "ddns-fqdn-reply";

    private final DdnsActive ddns;

    FqdnReplyHandler(DdnsActive ddns) {
        this.ddns = ddns;
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        if (!ctx.hasRequest() || !ctx.request().options().contains(FqdnPolicy.OPTION_FQDN)) {
            return Verdict.CONTINUE;
        }
        Optional<DhcpMessage> reply = ctx.reply();
        Optional<Lease> lease = ctx.get(PipelineAttributes.LEASE);
        Optional<MessageType> type = reply.flatMap(DhcpMessage::messageType);
        if (reply.isEmpty() || lease.isEmpty() || type.isEmpty()
                || (!type.get().equals(MessageType.OFFER) && !type.get().equals(MessageType.ACK))) {
            return Verdict.CONTINUE;
        }
        Decision d = FqdnCommitHandler.decide(ctx, ddns, lease.get());
        d.reply().ifPresent(f -> ctx.reply(reply.get().toBuilder()
                .option(DhcpOption.of(FqdnPolicy.OPTION_FQDN, f.encode())).build()));
        return Verdict.CONTINUE;
    }
}
