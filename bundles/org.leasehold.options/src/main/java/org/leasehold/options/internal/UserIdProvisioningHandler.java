package org.leasehold.options.internal;

import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.message.SubOption;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User-ID provisioning (spec §3.1.1.1): copies the Subscriber-ID (option 82 sub-option 6, RFC 3993)
 * of a relayed DISCOVER/REQUEST into the configured site option (224..254) of the OFFER/ACK, at
 * RESPOND order 510. Option 82 itself is left to the engine's RFC 3046 echo. Immutable; thread-safe.
 */
@Component(service = PacketHandler.class, configurationPid = UserIdConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {PacketHandler.HOOK + "=RESPOND", PacketHandler.ORDER + ":Integer=510",
            PacketHandler.NAME + "=userid-provisioning"})
@Designate(ocd = UserIdConfig.class)
public final class UserIdProvisioningHandler implements PacketHandler {

    static final int SUBSCRIBER_ID = 6;
    private static final Logger LOG = LoggerFactory.getLogger(UserIdProvisioningHandler.class);

    private final int option;

    /**
     * @throws IllegalArgumentException naming the PID and key when the option is outside 224..254
     */
    @Activate
    public UserIdProvisioningHandler(UserIdConfig config) {
        if (config.option() < 224 || config.option() > 254) {
            throw new IllegalArgumentException(UserIdConfig.PID + " option: " + config.option()
                    + " is outside the site-specific range 224..254");
        }
        this.option = config.option();
        LOG.info("User-ID provisioning active: Subscriber-ID goes into option {}", option);
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        Optional<DhcpMessage> reply = Replies.configurable(ctx);
        if (reply.isEmpty()) {
            return Verdict.CONTINUE;
        }
        Optional<byte[]> userId = RelayAgentInformation.from(ctx.request())
                .flatMap(info -> info.get(SUBSCRIBER_ID)).map(SubOption::bytes).filter(b -> b.length > 0);
        if (userId.isPresent()) {
            Replies.put(ctx, reply.get(), DhcpOption.of(option, userId.get()));
            LOG.debug("{}: User ID copied into option {}", ctx.label(), option);
        }
        return Verdict.CONTINUE;
    }
}
