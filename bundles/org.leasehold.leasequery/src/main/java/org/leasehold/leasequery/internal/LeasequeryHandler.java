package org.leasehold.leasequery.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigParticipant;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseListener;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.logging.RateLimitedLog;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4388 leasequery at RECEIVE order 10: a DHCPLEASEQUERY from an allowed relay is answered at once
 * ({@link Verdict#RESPOND}: the core sends the reply to {@code giaddr}:67) with DHCPLEASEACTIVE,
 * DHCPLEASEUNASSIGNED or DHCPLEASEUNKNOWN; one from anywhere else, or without {@code giaddr}, is
 * dropped ({@link Verdict#DROP}, counted here and as the core's {@code drop.handler}) and nothing is
 * sent. Every other message continues untouched. A relay is allowed by the {@code relays} ACL of
 * {@value LeasequeryConfig#PID}, or, as ISC dhcpd does, by {@code allow leasequery;} in force in the
 * dhcpd.conf scope of its {@code giaddr} (its subnet, else the global scope). With neither, the
 * capability is inert: a DHCPLEASEQUERY stays an unknown message type to the core. The answer reads
 * the store's memory and never blocks. Thread-safe.
 */
@Component(service = {PacketHandler.class, StatusContributor.class, MetricsSource.class, LeaseListener.class,
        ConfigParticipant.class},
        configurationPid = LeasequeryConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {PacketHandler.HOOK + "=RECEIVE", PacketHandler.ORDER + ":Integer=10",
            PacketHandler.ON_ERROR + "=drop", PacketHandler.NAME + "=leasequery"})
@Designate(ocd = LeasequeryConfig.class)
public final class LeasequeryHandler implements PacketHandler, StatusContributor, MetricsSource, LeaseListener,
        ConfigParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(LeasequeryHandler.class);

    private final RateLimitedLog warn = new RateLimitedLog(LOG);
    private final RelayAcl acl;
    private final Optional<Inet4Address> configuredServerId;
    private final ConfigurationService configuration;
    private final HardwareIndex hardware = new HardwareIndex();
    private final LeasequeryResponder responder;
    private final Map<LeasequeryResponder.By, LongAdder> queries = new EnumMap<>(LeasequeryResponder.By.class);
    private final LongAdder active = new LongAdder();
    private final LongAdder unassigned = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder noGiaddr = new LongAdder();
    private final LongAdder malformed = new LongAdder();

    @Activate
    public LeasequeryHandler(LeasequeryConfig config, @Reference LeaseStore store,
            @Reference ConfigurationService configuration) {
        this.acl = RelayAcl.parse(config.relays());
        this.configuredServerId = config.serverIdentifier().isBlank() ? Optional.empty()
                : Optional.of(address(config.serverIdentifier().trim(), "serverIdentifier"));
        this.configuration = configuration;
        this.responder = new LeasequeryResponder(store, hardware::candidates);
        for (LeasequeryResponder.By by : LeasequeryResponder.By.values()) {
            queries.put(by, new LongAdder());
        }
        hardware.addAll(store.all());
        LOG.info("Leasequery (RFC 4388) answering relays {} and those dhcpd.conf's 'allow leasequery' covers",
                acl.isEmpty() ? "(none listed)" : acl);
    }

    /** ISC's {@code allow|deny leasequery}: read here, so dhcp:config-check does not report it as ignored. */
    @Override
    public Set<String> keywords() {
        return Set.of("leasequery");
    }

    @Override
    public List<ConfigProblem> validate(DhcpdConf candidate) {
        return List.of();
    }

    @Override
    public void apply(DhcpdConf accepted) {
        // read per query from ConfigurationService.current(), which is this configuration from now on
    }

    /**
     * ISC dhcpd (dhcpleasequery.c): a query is answered when {@code allow leasequery} is in force in the
     * scope of the subnet that contains {@code giaddr}, or in the global scope when no subnet does.
     */
    static boolean allowedByDhcpdConf(DhcpdConf conf, Inet4Address giaddr) {
        if (conf.statements("leasequery").isEmpty()) {
            return false;
        }
        int g = RelayAcl.toInt(giaddr);
        String subnet = conf.pools().stream().map(p -> p.subnet()).distinct()
                .filter(id -> contains(id, g)).findFirst().orElse("");
        return conf.parameters(subnet, "").get("leasequery").filter("allow"::equalsIgnoreCase).isPresent();
    }

    private static boolean contains(String subnetId, int address) {
        int slash = subnetId.indexOf('/');
        if (slash < 0) {
            return false;
        }
        try {
            RelayAcl net = RelayAcl.parse(new String[] {subnetId});
            return net.allowsInt(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        DhcpMessage q = ctx.request();
        if (q.messageType().filter(LeasequeryResponder.LEASEQUERY::equals).isEmpty()) {
            return Verdict.CONTINUE;
        }
        DhcpdConf conf = configuration.current();
        if (acl.isEmpty() && conf.statements("leasequery").isEmpty()) {
            // configured by neither: inert, as before the feature was installed
            return Verdict.CONTINUE;
        }
        InetAddress from = ctx.source().map(InetSocketAddress::getAddress).orElse(null);
        if (q.giaddrInt() == 0) {
            noGiaddr.increment();
            warn.warn("no-giaddr", "DHCPLEASEQUERY from {} without giaddr dropped ({})", from, ctx.label());
            return Verdict.DROP;
        }
        boolean listed = from != null && acl.allows(from) && acl.allows(q.giaddr());
        if (!listed && !allowedByDhcpdConf(conf, q.giaddr())) {
            refused.increment();
            warn.warn("refused", "DHCPLEASEQUERY from {} giaddr {} refused: not an allowed relay ({})", from,
                    q.giaddr().getHostAddress(), ctx.label());
            return Verdict.DROP;
        }
        Optional<LeasequeryResponder.Answer> answer = responder.answer(q, conf.pools(), serverId(conf),
                System.currentTimeMillis() / 1000);
        if (answer.isEmpty()) {
            malformed.increment();
            warn.warn("malformed", "DHCPLEASEQUERY from {} names no address, client-id or MAC; dropped ({})", from,
                    ctx.label());
            return Verdict.DROP;
        }
        LeasequeryResponder.Answer a = answer.get();
        queries.get(a.by()).increment();
        (a.type() == LeasequeryResponder.LEASEACTIVE ? active
                : a.type() == LeasequeryResponder.LEASEUNASSIGNED ? unassigned : unknown).increment();
        LOG.debug("{}: leasequery by {} from {} -> {}", ctx.label(), a.by(), from, a.type());
        ctx.reply(a.reply());
        return Verdict.RESPOND;
    }

    private Optional<Inet4Address> serverId(DhcpdConf conf) {
        if (configuredServerId.isPresent()) {
            return configuredServerId;
        }
        return conf.parameters("", "").get("server-identifier").flatMap(LeasequeryHandler::parse);
    }

    private static Optional<Inet4Address> parse(String text) {
        try {
            return Optional.of(address(text.trim(), "server-identifier"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Inet4Address address(String text, String what) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                if (InetAddress.getByName(text) instanceof Inet4Address a) {
                    return a;
                }
            } catch (UnknownHostException e) {
                // below
            }
        }
        throw new IllegalArgumentException(LeasequeryConfig.PID + " " + what + ": '" + text
                + "' is not an IPv4 address");
    }

    @Override
    public void leaseChanged(LeaseChange change) {
        hardware.changed(change);
    }

    @Override
    public String prefix() {
        return "leasequery";
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("relays", acl.toString());
        s.put("answered.active", Long.toString(active.sum()));
        s.put("answered.unassigned", Long.toString(unassigned.sum()));
        s.put("answered.unknown", Long.toString(unknown.sum()));
        queries.forEach((by, n) -> s.put("queries.by-" + by.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                Long.toString(n.sum())));
        s.put("dropped.not-allowed", Long.toString(refused.sum()));
        s.put("dropped.no-giaddr", Long.toString(noGiaddr.sum()));
        s.put("dropped.malformed", Long.toString(malformed.sum()));
        return s;
    }

    @Override
    public void collect(MetricSink sink) {
        String answers = "leasehold_leasequery_answers_total";
        String help = "DHCPLEASEQUERY answers sent, by message type";
        sink.counter(answers, help, Map.of("type", "LEASEACTIVE"), active.sum());
        sink.counter(answers, help, Map.of("type", "LEASEUNASSIGNED"), unassigned.sum());
        sink.counter(answers, help, Map.of("type", "LEASEUNKNOWN"), unknown.sum());
        String drops = "leasehold_leasequery_dropped_total";
        String dropHelp = "DHCPLEASEQUERY messages dropped unanswered, by reason";
        sink.counter(drops, dropHelp, Map.of("reason", "not-allowed"), refused.sum());
        sink.counter(drops, dropHelp, Map.of("reason", "no-giaddr"), noGiaddr.sum());
        sink.counter(drops, dropHelp, Map.of("reason", "malformed"), malformed.sum());
    }
}
