package org.leasehold.ddns.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.config.ConfigParticipant;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseListener;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.ddns.internal.config.DdnsConfigReader;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.leasehold.ddns.internal.config.ZoneConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DDNS capability's reading of dhcpd.conf and its lease follower. It validates the DDNS
 * statements at every reload (problems at {@code file:line:column} reject the file), and while the
 * configuration in force has {@code ddns-update-style standard|interim} it runs a {@link DdnsEngine}
 * and registers the packet handlers ({@link FqdnCommitHandler}, {@link FqdnReplyHandler}); otherwise it
 * does nothing. Its status
 * lines are {@code ddns.*} in {@code dhcp:status}. Callbacks come from the core's configuration and
 * lease-event threads and never block. Thread-safe.
 */
@Component(service = {ConfigParticipant.class, LeaseListener.class, StatusContributor.class, MetricsSource.class,
    DdnsService.class}, property = ConfigParticipant.NAME + "=ddns")
public final class DdnsService implements ConfigParticipant, LeaseListener, StatusContributor, MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(DdnsService.class);
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final int THREADS = 4;
    static final int CAPACITY = 10_000;

    private final BundleContext bundle;
    private final DdnsEngine.Counters counters = new DdnsEngine.Counters();
    private final Object lock = new Object();
    private volatile DdnsSettings settings = DdnsSettings.OFF;
    private volatile DdnsEngine engine;
    private volatile LeaseStore store;
    private final List<ServiceRegistration<PacketHandler>> handlers = new ArrayList<>();

    @Activate
    public DdnsService(BundleContext bundle) {
        this.bundle = bundle;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindStore(LeaseStore s) {
        synchronized (lock) {
            store = s;
            DdnsEngine e = engine;
            if (e != null) {
                e.store(s);
                reconcileLater(e, s, false);
            }
            syncHandlers();
        }
    }

    void unbindStore(LeaseStore s) {
        synchronized (lock) {
            if (store == s) {
                store = null;
                DdnsEngine e = engine;
                if (e != null) {
                    e.store(null);
                }
                syncHandlers();
            }
        }
    }

    /** Called with {@code lock} held: the packet handlers run exactly while DDNS is on and leases can be read. */
    private void syncHandlers() {
        LeaseStore s = store;
        boolean wanted = engine != null && s != null;
        if (!wanted) {
            handlers.forEach(ServiceRegistration::unregister);
            handlers.clear();
        } else if (handlers.isEmpty()) {
            DdnsActive active = new DdnsActive(this::settings, counters.badFqdn);
            handlers.add(register(new FqdnCommitHandler(active, s), "LEASE_COMMIT", FqdnCommitHandler.ORDER,
                    FqdnCommitHandler.NAME));
            handlers.add(register(new FqdnReplyHandler(active), "RESPOND", FqdnReplyHandler.ORDER,
                    FqdnReplyHandler.NAME));
        }
    }

    private ServiceRegistration<PacketHandler> register(PacketHandler h, String hook, int order, String name) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PacketHandler.HOOK, hook);
        props.put(PacketHandler.ORDER, order);
        props.put(PacketHandler.ON_ERROR, "continue");
        props.put(PacketHandler.NAME, name);
        return bundle.registerService(PacketHandler.class, h, props);
    }

    @Override
    public Set<String> keywords() {
        return DdnsConfigReader.KEYWORDS;
    }

    @Override
    public List<ConfigProblem> validate(DhcpdConf candidate) {
        return DdnsConfigReader.read(candidate).problems();
    }

    @Override
    public void apply(DhcpdConf accepted) {
        DdnsConfigReader.Result r = DdnsConfigReader.read(accepted);
        DdnsSettings s = r.problems().isEmpty() ? r.settings() : DdnsSettings.OFF;
        synchronized (lock) {
            settings = s;
            if (!s.enabled()) {
                stop();
                return;
            }
            if (engine == null) {
                DdnsEngine e = new DdnsEngine(s, accepted, counters, TIMEOUT, THREADS, CAPACITY);
                e.store(store);
                engine = e;
                syncHandlers();
                LOG.info("DDNS on: {} style, {} zone(s){}", s.style().name().toLowerCase(), s.zones().size(),
                        s.secure() ? ", every update TSIG-signed" : "");
                LeaseStore st = store;
                if (st != null) {
                    reconcileLater(e, st, false);
                }
            } else {
                engine.reconfigure(s, accepted);
            }
        }
    }

    /** Takes up the work the lease table records as not done (after a restart or a crash). */
    private void reconcileLater(DdnsEngine e, LeaseStore s, boolean everything) {
        Thread t = new Thread(() -> {
            int n = e.reconcile(s.all(), everything, Instant.now().getEpochSecond());
            if (n > 0) {
                LOG.info("DDNS: {} update(s) from the lease table queued", n);
            }
        }, "leasehold-ddns-reconcile");
        t.setDaemon(true);
        t.start();
    }

    /** {@code dhcp:ddns-resync}: re-issues the updates of every lease; the number queued. */
    public int resync() {
        DdnsEngine e = engine;
        LeaseStore s = store;
        if (e == null || s == null) {
            return 0;
        }
        return e.reconcile(s.all(), true, Instant.now().getEpochSecond());
    }

    private void stop() {
        if (engine != null) {
            engine.close();
            engine = null;
            syncHandlers();
            LOG.info("DDNS off");
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            stop();
        }
    }

    @Override
    public void leaseChanged(LeaseChange change) {
        DdnsEngine e = engine;
        if (e != null) {
            e.leaseChanged(change);
        }
    }

    DdnsSettings settings() {
        return settings;
    }

    DdnsEngine.Counters counters() {
        return counters;
    }

    /** One row per zone: the zone, its servers, key, queued, sent, failed, last error. */
    public List<ZoneRow> zoneRows() {
        DdnsEngine e = engine;
        DdnsSettings s = settings;
        Map<String, Integer> queued = new TreeMap<>();
        if (e != null) {
            for (UpdateJob j : e.queue().snapshot()) {
                j.binding().forwardName().flatMap(s::zoneFor).ifPresent(z -> queued.merge(z.name(), 1, Integer::sum));
                j.binding().reverseName().flatMap(s::zoneFor).ifPresent(z -> queued.merge(z.name(), 1, Integer::sum));
            }
        }
        return s.zones().stream().map(z -> {
            ZoneHealth h = e == null ? null : e.health(z.name());
            return new ZoneRow(z, queued.getOrDefault(z.name(), 0), h == null ? 0 : h.sentCount(),
                    h == null ? 0 : h.failedCount(), h == null ? "" : h.lastError(), h != null && h.backingOff());
        }).toList();
    }

    /** A zone's line in {@code dhcp:ddns-status}. */
    public record ZoneRow(ZoneConfig zone, int queued, long sent, long failed, String lastError, boolean backingOff) {
    }

    @Override
    public String prefix() {
        return "ddns";
    }

    @Override
    public Map<String, String> status() {
        DdnsSettings s = settings;
        DdnsEngine e = engine;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("style", s.style().name().toLowerCase());
        if (!s.enabled()) {
            return m;
        }
        m.put("secure", Boolean.toString(s.secure()));
        m.put("zones", Integer.toString(s.zones().size()));
        m.put("queued", Integer.toString(e == null ? 0 : e.queue().size()));
        m.put("overflowed", Long.toString(e == null ? 0 : e.queue().overflowed()));
        m.put("added", Long.toString(counters.adds.sum()));
        m.put("removed", Long.toString(counters.removals.sum()));
        m.put("conflicts", Long.toString(counters.conflicts.sum()));
        m.put("refused", Long.toString(counters.refused.sum()));
        m.put("retries", Long.toString(counters.retries.sum()));
        m.put("bad-replies", Long.toString(counters.hostile.sum()));
        m.put("bad-fqdn-options", Long.toString(counters.badFqdn.sum()));
        m.put("last-error", counters.lastError.isEmpty() ? "-" : counters.lastError);
        return m;
    }

    @Override
    public void collect(MetricSink sink) {
        DdnsEngine e = engine;
        sink.gauge("leasehold_ddns_queue_depth", "DNS update jobs waiting or running", Map.of(),
                e == null ? 0 : e.queue().size());
        sink.counter("leasehold_ddns_queue_overflow_total", "DNS update jobs not queued because the queue was full",
                Map.of(), e == null ? 0 : e.queue().overflowed());
        String help = "DNS update jobs finished, by outcome";
        sink.counter("leasehold_ddns_jobs_total", help, Map.of("outcome", "added"), counters.adds.sum());
        sink.counter("leasehold_ddns_jobs_total", help, Map.of("outcome", "removed"), counters.removals.sum());
        sink.counter("leasehold_ddns_jobs_total", help, Map.of("outcome", "conflict"), counters.conflicts.sum());
        sink.counter("leasehold_ddns_jobs_total", help, Map.of("outcome", "refused"), counters.refused.sum());
        sink.counter("leasehold_ddns_bad_replies_total", "DNS replies rejected (unsigned, bad signature, malformed)",
                Map.of(), counters.hostile.sum());
        for (ZoneRow r : zoneRows()) {
            Map<String, String> zone = Map.of("zone", r.zone().name());
            sink.counter("leasehold_ddns_messages_sent_total", "UPDATE messages answered, per zone", zone, r.sent());
            sink.counter("leasehold_ddns_messages_failed_total", "UPDATE messages unanswered or refused, per zone",
                    zone, r.failed());
        }
    }
}
