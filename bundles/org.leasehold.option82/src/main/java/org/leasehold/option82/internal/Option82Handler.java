package org.leasehold.option82.internal;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.option82.Option82Attributes;
import org.leasehold.option82.Option82Parser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@link Option82Attributes#IDENTITY} (and its text forms {@link Option82Attributes#RULE},
 * {@link Option82Attributes#CIRCUIT_ID}, {@link Option82Attributes#REMOTE_ID}) on every relayed packet
 * a rule can parse, at CLASSIFY
 * order 100 (before class matching). Unparseable option 82 is counted and raised as a rate-limited
 * WARN on the logger {@value #ALARM_LOGGER}; the packet is served all the same. Vendor formats
 * ({@link Option82Parser} services) are taken and dropped at run time; each change swaps an
 * immutable map, so packets never lock. Thread-safe.
 */
@Component(service = {PacketHandler.class, Option82Handler.class, MetricsSource.class}, configurationPid = Option82Config.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {PacketHandler.HOOK + "=CLASSIFY", PacketHandler.ORDER + ":Integer=100",
            PacketHandler.ON_ERROR + "=continue", PacketHandler.NAME + "=option82"})
@Designate(ocd = Option82Config.class)
public final class Option82Handler implements PacketHandler, MetricsSource {

    static final String ALARM_LOGGER = "org.leasehold.option82.alarm";
    private static final Logger LOG = LoggerFactory.getLogger(Option82Handler.class);
    private static final int OPTION_82 = 82;
    private static final List<String> BUILT_IN = List.of("text", "bits", "hex");

    private final RuleEngine engine;
    private final AlarmLog alarms;
    private final LongAdder identified = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder unparseable = new LongAdder();
    private final Map<Option82Parser, String> bound = new HashMap<>();
    private volatile Map<String, Option82Parser> plugins = Map.of();

    @Activate
    public Option82Handler(Option82Config config, Map<String, Object> props) {
        this.engine = new RuleEngine(RuleParser.parse(props, Option82Config.PID));
        this.alarms = new AlarmLog(LoggerFactory.getLogger(ALARM_LOGGER),
                TimeUnit.SECONDS.toNanos(Math.max(0, config.warnIntervalSeconds())), System::nanoTime);
        LOG.info("Option 82 parsing active with {} rule(s)", engine.rules().size());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindParser(Option82Parser parser) {
        String format = parser.format();
        if (format == null || BUILT_IN.contains(format)) {
            LOG.warn("Option 82 format plugin {} ignored: format name '{}' is reserved", parser.getClass().getName(),
                    format);
            return;
        }
        synchronized (bound) {
            bound.put(parser, format);
            publish();
        }
        LOG.info("Option 82 format '{}' available", format);
    }

    void unbindParser(Option82Parser parser) {
        synchronized (bound) {
            if (bound.remove(parser) != null) {
                publish();
                LOG.info("Option 82 format '{}' removed", parser.format());
            }
        }
    }

    /** Called with {@code bound} locked; the first registration of a name wins. */
    private void publish() {
        Map<String, Option82Parser> next = new HashMap<>();
        bound.forEach((parser, format) -> next.putIfAbsent(format, parser));
        plugins = Map.copyOf(next);
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        if (!ctx.hasRequest()) {
            return Verdict.CONTINUE;
        }
        Optional<byte[]> option82 = ctx.request().options().bytes(OPTION_82);
        if (option82.isEmpty()) {
            return Verdict.CONTINUE;
        }
        Inet4Address giaddr = ctx.request().giaddr();
        Resolution r = resolve(giaddr, option82.get());
        if (r instanceof Resolution.Identified id) {
            ctx.put(Option82Attributes.IDENTITY, id.identity());
            // the text forms, for class matching by name and for readers that do not import this package
            ctx.put(Option82Attributes.RULE, id.identity().rule());
            id.identity().circuitId().ifPresent(c -> ctx.put(Option82Attributes.CIRCUIT_ID, c));
            id.identity().remoteId().ifPresent(rid -> ctx.put(Option82Attributes.REMOTE_ID, rid));
            LOG.debug("{}: option 82 identity {}", ctx.label(), id.identity());
        } else if (r instanceof Resolution.Unparseable u) {
            alarms.warn("Unparseable option 82 from relay {} ({}): {}", giaddr.getHostAddress(), ctx.label(),
                    u.reason());
        }
        return Verdict.CONTINUE;
    }

    /** Applies the rules and counts the outcome; what {@code dhcp:option82-test} shows too. */
    Resolution resolve(Inet4Address giaddr, byte[] option82) {
        Resolution r = engine.resolve(giaddr, option82, plugins::get);
        if (r instanceof Resolution.Identified) {
            identified.increment();
        } else if (r instanceof Resolution.Unparseable) {
            unparseable.increment();
        } else {
            unmatched.increment();
        }
        return r;
    }

    /** Applies the rules without counting: for the test command. */
    public Resolution dryRun(Inet4Address giaddr, byte[] option82) {
        return engine.resolve(giaddr, option82, plugins::get);
    }

    public List<String> formats() {
        return plugins.keySet().stream().sorted().toList();
    }

    public List<String> ruleNames() {
        return engine.rules().stream().map(Rule::name).toList();
    }

    public long identified() {
        return identified.sum();
    }

    public long unmatched() {
        return unmatched.sum();
    }

    public long unparseable() {
        return unparseable.sum();
    }

    /** The outcomes as one counter family; unparseable ones are the spec's ParsingOption82Fail. */
    @Override
    public void collect(MetricSink sink) {
        String help = "Relayed packets with option 82, per outcome of the parsing rules";
        sink.counter("leasehold_option82_packets_total", help, Map.of("outcome", "identified"), identified());
        sink.counter("leasehold_option82_packets_total", help, Map.of("outcome", "unmatched"), unmatched());
        sink.counter("leasehold_option82_packets_total", help, Map.of("outcome", "unparseable"), unparseable());
    }
}
