package org.leasehold.options.internal;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.message.RelayAgentInformation;
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
 * P-CSCF discovery (spec §3.1.1.2): a home gateway's DHCPINFORM that asks for option 120 gets the SIP
 * servers of the first rule matching its address, its relay and the relay's information, at RESPOND
 * order 520. Immutable after activation; thread-safe.
 */
@Component(service = PacketHandler.class, configurationPid = PcscfConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {PacketHandler.HOOK + "=RESPOND", PacketHandler.ORDER + ":Integer=520",
            PacketHandler.NAME + "=pcscf-discovery"})
@Designate(ocd = PcscfConfig.class)
public final class PcscfHandler implements PacketHandler {

    static final int SIP_SERVERS = 120;
    private static final Logger LOG = LoggerFactory.getLogger(PcscfHandler.class);

    private final List<PcscfRule> rules;
    private final boolean informOnly;

    @Activate
    public PcscfHandler(PcscfConfig config, Map<String, Object> props) {
        this.rules = PcscfRule.parse(props);
        this.informOnly = config.informOnly();
        if (rules.isEmpty()) {
            throw new IllegalArgumentException(PcscfConfig.PID + ": no rule.<n>.servers configured");
        }
        LOG.info("P-CSCF discovery active with {} rule(s)", rules.size());
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        Optional<DhcpMessage> reply = Replies.configurable(ctx);
        if (reply.isEmpty()) {
            return Verdict.CONTINUE;
        }
        DhcpMessage request = ctx.request();
        boolean inform = request.messageType().map(MessageType.INFORM::equals).orElse(false);
        if ((informOnly && !inform) || !Replies.requested(request, SIP_SERVERS)) {
            return Verdict.CONTINUE;
        }
        Inet4Address client = clientAddress(request, ctx.source());
        Optional<RelayAgentInformation> info = RelayAgentInformation.from(request);
        for (PcscfRule rule : rules) {
            if (rule.matches(client, request.giaddr(), info)) {
                Replies.put(ctx, reply.get(), DhcpOption.of(SIP_SERVERS, rule.option120()));
                LOG.debug("{}: P-CSCF from rule {}", ctx.label(), rule.name());
                return Verdict.CONTINUE;
            }
        }
        LOG.debug("{}: no P-CSCF rule for client {}", ctx.label(), client.getHostAddress());
        return Verdict.CONTINUE;
    }

    /** The INFORM sender's own address: ciaddr (RFC 2131 §4.4.3), else where the datagram came from. */
    private static Inet4Address clientAddress(DhcpMessage request, Optional<InetSocketAddress> source) {
        Inet4Address ciaddr = request.ciaddr();
        if (PcscfRule.toLong(ciaddr) != 0 || source.isEmpty()
                || !(source.get().getAddress() instanceof Inet4Address from)) {
            return ciaddr;
        }
        return from;
    }
}
