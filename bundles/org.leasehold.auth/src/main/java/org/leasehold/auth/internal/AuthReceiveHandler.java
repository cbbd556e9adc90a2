package org.leasehold.auth.internal;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.AttributeKey;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.auth.internal.DelayedAuth.Check;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the RFC 3118 option of every request at RECEIVE (order 50, before anything classifies) and
 * applies the level:
 * <table>
 * <caption>verdicts</caption>
 * <tr><th>level</th><th>no option</th><th>invalid option</th><th>valid option</th></tr>
 * <tr><td>0</td><td>served</td><td>served, option ignored</td><td>served, option ignored</td></tr>
 * <tr><td>1</td><td>dropped</td><td>dropped</td><td>served, reply authenticated</td></tr>
 * <tr><td>2</td><td>served</td><td>served unauthenticated</td><td>served, reply authenticated</td></tr>
 * </table>
 * A replayed message (counter not above the client's last) is dropped at levels 1 and 2 (RFC 3118 §2).
 * A valid request is marked {@link PipelineAttributes#AUTHENTICATED} (the pools' {@code allow
 * authenticated clients}) and carries its key in {@link #KEY} for {@link AuthSendHandler}; when its
 * counter advanced, the packet is parked until the counter is on disk. Fails closed: an exception
 * drops the packet.
 */
@Component(configurationPid = AuthConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = PacketHandler.class, property = {PacketHandler.HOOK + "=RECEIVE",
    PacketHandler.ORDER + ":Integer=50", PacketHandler.ON_ERROR + "=drop", PacketHandler.NAME + "=auth-check"})
public final class AuthReceiveHandler implements PacketHandler {

    /** The key of an authenticated request: its reply is signed with it. */
    static final AttributeKey<ClientSecret> KEY = AttributeKey.of("auth.key", ClientSecret.class);

    private static final Logger LOG = LoggerFactory.getLogger(AuthReceiveHandler.class);

    private final AuthService auth;

    @Activate
    public AuthReceiveHandler(@Reference AuthService auth) {
        this.auth = auth;
    }

    /** A level or setting change is read from {@link AuthService} per packet: stay bound, never re-activate. */
    @Modified
    void modified() {
        // nothing: a re-activation would leave a moment without the handler
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        if (!ctx.hasRequest()) {
            return Verdict.CONTINUE;
        }
        AuthLevel level = auth.level();
        AuthCounters n = auth.counters();
        if (level == AuthLevel.UNSUPPORTED) {
            if (ctx.request().options().contains(DelayedAuth.OPTION)) {
                n.count("requests.ignored");
            }
            return Verdict.CONTINUE;
        }
        boolean discover = ctx.request().messageType().filter(MessageType.DISCOVER::equals).isPresent();
        Check c = DelayedAuth.check(ctx.request(), DhcpCodec.encode(ctx.request()), auth.keys(), discover);
        switch (c.outcome()) {
            case NONE:
                n.count("requests.none");
                return level == AuthLevel.MANDATORY ? reject(ctx, "no-auth") : Verdict.CONTINUE;
            case INVALID:
                n.count("invalid." + c.reason().key);
                LOG.debug("{}: authentication option invalid: {}", ctx.label(), c.reason().key);
                return level == AuthLevel.MANDATORY ? reject(ctx, c.reason().key) : Verdict.CONTINUE;
            default:
                return valid(ctx, c);
        }
    }

    private Verdict valid(PacketContext ctx, Check c) {
        Optional<CompletionStage<Void>> durable = Optional.empty();
        if (c.macChecked()) {
            durable = auth.journal().accept(c.key().identity(), c.replay(), ctx.request().xid());
            if (durable.isEmpty()) {
                auth.counters().count("invalid.replay");
                return reject(ctx, "replay");
            }
        }
        auth.counters().count("requests.valid");
        ctx.put(PipelineAttributes.AUTHENTICATED, Boolean.TRUE);
        ctx.put(KEY, c.key());
        LOG.debug("{}: authenticated as {}", ctx.label(), c.key());
        if (ctx.request().messageType().filter(MessageType.REQUEST::equals).isPresent()) {
            auth.authenticatedRequest(c.key().identity());
        }
        return durable.<Verdict>map(s -> Verdict.park(s.thenApply(v -> Verdict.CONTINUE))).orElse(Verdict.CONTINUE);
    }

    private Verdict reject(PacketContext ctx, String reason) {
        auth.counters().count("rejected." + reason);
        LOG.debug("{}: dropped at authentication level {}: {}", ctx.label(), auth.level(), reason);
        return Verdict.DROP;
    }
}
