package org.leasehold.nacf.internal;

import java.time.Instant;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseListener;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.nacf.A2Binding;
import org.leasehold.nacf.A2Codec;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NACF capability: exists only while {@code etc/org.leasehold.nacf.cfg} does. It runs the
 * {@link ClfClient}, follows the lease table (attach on a new or moved binding in async mode, detach
 * when a binding ends: release, expiry, decline, taken by another client, deleted), answers the
 * CLF's pulls from the lease store, and registers the {@link AttachCommitHandler}. Its status lines
 * are {@code nacf.*} in {@code dhcp:status}. Callbacks never block. Thread-safe.
 */
@Component(service = {LeaseListener.class, StatusContributor.class, MetricsSource.class, NacfService.class},
        configurationPid = NacfConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NacfConfig.class)
public final class NacfService implements LeaseListener, StatusContributor, MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(NacfService.class);

    private final NacfSettings settings;
    private final NacfCounters counters = new NacfCounters();
    private final Locations locations;
    private final Map<String, A2Codec> codecs = new ConcurrentHashMap<>();
    private final ClfClient client;
    private final ServiceRegistration<PacketHandler> handler;
    private volatile LeaseStore store;

    @Activate
    public NacfService(BundleContext bundle, NacfConfig config, Map<String, Object> props) {
        this.settings = NacfSettings.from(config, props);
        this.locations = new Locations(settings);
        this.client = new ClfClient(settings, () -> Optional.ofNullable(codecs.get(settings.codec())), this::pull,
                this::firstConnect, counters);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PacketHandler.HOOK, "LEASE_COMMIT");
        p.put(PacketHandler.ORDER, AttachCommitHandler.ORDER);
        p.put(PacketHandler.ON_ERROR, "continue");
        p.put(PacketHandler.NAME, AttachCommitHandler.NAME);
        this.handler = bundle.registerService(PacketHandler.class,
                new AttachCommitHandler(settings, locations, client, () -> store, counters), p);
        client.start();
        LOG.info("NACF on: CLF {}:{}, {} mode{}, codec {}", settings.host(), settings.port(),
                settings.sync() ? "sync" : "async",
                settings.sync() ? " (" + settings.syncTimeout().toMillis() + " ms, then " + (settings.syncGrant()
                        ? "grant" : "drop") + ")" : "", settings.codec());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(LeaseStore s) {
        store = s;
    }

    void unbindStore(LeaseStore s) {
        if (store == s) {
            store = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCodec(A2Codec codec) {
        codecs.put(codec.name(), codec);
    }

    void unbindCodec(A2Codec codec) {
        codecs.remove(codec.name(), codec);
    }

    @Deactivate
    void deactivate() {
        try {
            handler.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        client.close();
        LOG.info("NACF off");
    }

    @Override
    public void leaseChanged(LeaseChange change) {
        Lease before = change.before();
        Lease after = change.after();
        boolean syncDidIt = settings.sync() && change.byEngine()
                && (change.cause() == LeaseChange.Cause.GRANTED || change.cause() == LeaseChange.Cause.RENEWED);
        if (syncDidIt) {
            return;            // the commit handler pushed the detach of the old client and the attach
        }
        boolean wasBound = before != null && before.state() == LeaseState.ACTIVE;
        if (wasBound && (after == null || after.state() != LeaseState.ACTIVE || !Locations.sameClient(before, after))) {
            client.push(A2Kind.DETACH, locations.binding(before), reason(change));
        }
        if (Locations.attachNeeded(before, after)) {
            client.push(A2Kind.ATTACH, locations.binding(after), "");
        }
    }

    private static String reason(LeaseChange c) {
        return switch (c.cause()) {
            case RELEASED -> "released";
            case EXPIRED -> "expired";
            case DECLINED -> "declined";
            case DELETED -> "deleted";
            case GRANTED, RENEWED -> "taken";
            case UPDATED -> c.after() == null ? "deleted" : c.after().state().name().toLowerCase();
        };
    }

    /** The answer to a CLF's pull: the active binding of the address, or {@link A2Message#UNKNOWN_ADDRESS}. */
    A2Message pull(A2Message request) {
        LeaseStore s = store;
        A2Binding asked = request.binding();
        if (s == null) {
            return A2Message.answer(request, A2Message.UNAVAILABLE, asked, "the lease store is not available");
        }
        String space = asked.realm().isEmpty() || asked.realm().equals(settings.defaultRealm()) ? LeaseKey.DEFAULT_SPACE
                : asked.realm();
        Optional<Lease> l = s.get(new LeaseKey(space, asked.address()))
                .filter(x -> x.state() == LeaseState.ACTIVE && !x.endedAt(Instant.now().getEpochSecond()));
        if (l.isPresent()) {
            counters.pullsAnswered.increment();
            return A2Message.answer(request, A2Message.SUCCESS, locations.binding(l.get()), "");
        }
        counters.pullsUnknown.increment();
        return A2Message.answer(request, A2Message.UNKNOWN_ADDRESS, asked, "no active binding");
    }

    private void firstConnect() {
        if (settings.resyncOnStart()) {
            LOG.info("NACF resync at start: {} attach(es) queued", resync());
        }
    }

    /** Queues an attach for every active lease; returns how many. */
    public int resync() {
        LeaseStore s = store;
        if (s == null) {
            return 0;
        }
        long now = Instant.now().getEpochSecond();
        int n = 0;
        for (Lease l : s.all()) {
            if (l.state() == LeaseState.ACTIVE && !l.endedAt(now)) {
                client.push(A2Kind.ATTACH, locations.binding(l), "resync");
                n++;
            }
        }
        return n;
    }

    @Override
    public String prefix() {
        return "nacf";
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clf", settings.host() + ":" + settings.port());
        m.put("state", client.state().name().toLowerCase());
        m.put("mode", settings.sync() ? "sync (" + settings.syncTimeout().toMillis() + " ms, then "
                + (settings.syncGrant() ? "grant" : "drop") + ")" : "async");
        m.put("codec", settings.codec() + (codecs.containsKey(settings.codec()) ? "" : " (not installed)"));
        m.put("connected-since", time(client.connectedSinceMillis()));
        m.put("last-heartbeat", time(client.lastHeartbeatAnswerMillis()));
        m.put("missed-heartbeats", client.missedHeartbeats() + " of " + settings.heartbeatMisses() + " every "
                + settings.heartbeatInterval().toMillis() + " ms");
        m.put("queued", Integer.toString(client.queued()));
        m.put("in-flight", Integer.toString(client.inflight()));
        m.put("outage", settings.queueOnOutage() ? "queue (" + settings.queueCapacity() + ")" : "drop");
        m.put("last-error", client.lastError().isEmpty() ? "-" : client.lastError());
        counters.all().forEach((k, v) -> m.put(k, Long.toString(v)));
        return m;
    }

    private static String time(long millis) {
        return millis == 0 ? "never" : Instant.ofEpochMilli(millis).toString();
    }

    @Override
    public void collect(MetricSink sink) {
        sink.gauge("leasehold_nacf_connected", "1 while the CLF connection is up", Map.of(), client.connected() ? 1 : 0);
        sink.gauge("leasehold_nacf_queue_depth", "Pushes waiting for the CLF", Map.of(), client.queued());
        sink.gauge("leasehold_nacf_in_flight", "Pushes sent and not yet answered", Map.of(), client.inflight());
        counters.all().forEach((k, v) -> sink.counter("leasehold_nacf_" + k.replace('-', '_') + "_total",
                "NACF " + k.replace('-', ' '), Map.of(), v));
    }
}
