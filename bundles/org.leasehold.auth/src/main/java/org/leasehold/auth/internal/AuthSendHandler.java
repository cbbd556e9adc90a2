package org.leasehold.auth.internal;

import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.ReplyEncoding;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Signs the reply to an authenticated request at SEND, last of all handlers (order
 * {@value #ORDER}): the MAC covers the bytes the engine will send, so nothing may change the reply
 * afterwards. Any other authentication option in a reply is removed, so an unauthenticated
 * request never gets one (levels 0 and 2 answer unauthenticated). A failure drops the reply rather
 * than send it unsigned.
 */
@Component(configurationPid = AuthConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = PacketHandler.class, property = {PacketHandler.HOOK + "=SEND",
    PacketHandler.ORDER + ":Integer=" + AuthSendHandler.ORDER, PacketHandler.ON_ERROR + "=drop",
    PacketHandler.NAME + "=auth-sign"})
public final class AuthSendHandler implements PacketHandler {

    static final int ORDER = 1_000_000;

    private final AuthService auth;

    @Activate
    public AuthSendHandler(@Reference AuthService auth) {
        this.auth = auth;
    }

    /** A level or setting change is read from {@link AuthService} per packet: stay bound, never re-activate. */
    @Modified
    void modified() {
        // nothing: a re-activation would leave a moment without the handler
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        if (!ctx.hasRequest() || ctx.reply().isEmpty()) {
            return Verdict.CONTINUE;
        }
        DhcpMessage reply = ctx.reply().get();
        var key = ctx.get(AuthReceiveHandler.KEY);
        if (key.isEmpty() || auth.level() == AuthLevel.UNSUPPORTED) {
            if (reply.options().contains(DelayedAuth.OPTION)) {
                ctx.reply(reply.toBuilder().withoutOption(DelayedAuth.OPTION).build());
            }
            return Verdict.CONTINUE;
        }
        ReplyEncoding enc = ReplyEncoding.forRequest(ctx.request());
        ctx.reply(DelayedAuth.sign(reply, key.get(), auth.nextServerReplay(), m -> DhcpCodec.encodeReply(m, enc)));
        auth.counters().count("replies.signed");
        return Verdict.CONTINUE;
    }
}
