package org.leasehold.failover.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.FailoverControl;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseListener;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.failover.internal.binding.LeaseBindings;
import org.leasehold.failover.internal.binding.PoolBalance;
import org.leasehold.failover.internal.config.FailoverConf;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.config.PeerConfig;
import org.leasehold.failover.internal.link.Transport;
import org.leasehold.failover.internal.serve.FailoverPolicy;
import org.leasehold.failover.internal.serve.ServiceView;
import org.leasehold.failover.internal.state.StateJournal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover relationships the configuration in force declares: started when a {@code failover
 * peer} declaration appears, restarted when it changes, stopped when it goes. Without failover
 * statements it holds no socket and no thread. It follows the lease table ({@link LeaseListener}) to
 * send the partner every change of a shared pool, and shows each relationship in {@code dhcp:status}.
 * Thread-safe: configuration changes are serialised; lease events are handed to each relationship's
 * own loop without waiting.
 */
@Component(service = {FailoverService.class, LeaseListener.class, StatusContributor.class, MetricsSource.class,
        FailoverControl.class},
        configurationPid = FailoverSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FailoverSettings.class)
public final class FailoverService implements LeaseListener, StatusContributor, FailoverPolicy.Views,
        MetricsSource, FailoverControl {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverService.class);

    private final LeaseStore store;
    private final Path stateDirectory;
    private final boolean leaseAffinity;
    private final Object lock = new Object();
    private volatile Map<String, Relationship> relationships = Map.of();
    /** Pool id and subnet id to the relationship sharing them. */
    private volatile Map<String, Relationship> byPool = Map.of();
    private volatile Map<String, Relationship> bySubnet = Map.of();
    /** The server farm's HBA in force ({@code server-hba}); null: this server takes every client. */
    private volatile Hba farm;
    private final AtomicLong version = new AtomicLong();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private Transport transport;

    @Activate
    public FailoverService(@Reference LeaseStore store, FailoverSettings settings) {
        this.store = store;
        this.leaseAffinity = settings.leaseAffinity();
        String dir = settings.stateDirectory();
        this.stateDirectory = dir.isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "leasehold", "failover") : Path.of(dir);
    }

    /** Puts a validated configuration in force. Called on the core's configuration thread. */
    void configure(DhcpdConf conf, FailoverConf fo) {
        synchronized (lock) {
            if (!Objects.equals(farm, fo.farm())) {
                LOG.info("server farm: {}", fo.farm() == null ? "no server-hba, every client is this server's"
                        : "server-hba gives this server " + fo.farm().primaryBuckets() + " of 256 hash buckets");
            }
            farm = fo.farm();
            Map<String, Relationship> next = new LinkedHashMap<>();
            for (PeerConfig peer : fo.peers()) {
                Relationship r = relationships.get(peer.name());
                if (r != null && r.config().sameAs(peer)) {
                    next.put(peer.name(), r);
                    continue;
                }
                if (r != null) {
                    LOG.info("failover peer {}: configuration changed; restarting the relationship", peer.name());
                    stop(r);
                }
                if (transport == null) {
                    transport = new Transport(1);
                }
                r = new Relationship(peer, transport, store, new StateJournal(stateDirectory, peer.name()),
                        () -> System.currentTimeMillis() / 1000, version::incrementAndGet);
                next.put(peer.name(), r);
                r.pools(pools(conf, fo, peer.name()));
                r.leaseAffinity(leaseAffinity);
                try {
                    r.start().get(10, TimeUnit.SECONDS);
                    LOG.info("failover peer {}: started as {} towards {}:{}", peer.name(), peer.role(),
                            peer.peerAddress().getHostAddress(), peer.peerPort());
                } catch (Exception e) {
                    LOG.error("failover peer {}: did not start: {}", peer.name(), String.valueOf(e));
                    next.remove(peer.name());
                }
            }
            for (Relationship r : next.values()) {
                r.pools(pools(conf, fo, r.config().name()));
            }
            relationships.forEach((name, r) -> {
                if (!next.containsKey(name)) {
                    LOG.info("failover peer {}: no longer configured; stopping", name);
                    stop(r);
                }
            });
            relationships = Map.copyOf(next);
            Map<String, Relationship> pools = new java.util.HashMap<>();
            Map<String, Relationship> subnets = new java.util.HashMap<>();
            for (Relationship r : next.values()) {
                for (PoolInfo p : r.bindings().pools()) {
                    pools.put(p.id(), r);
                    subnets.put(p.subnet(), r);
                }
            }
            byPool = Map.copyOf(pools);
            bySubnet = Map.copyOf(subnets);
            version.incrementAndGet();
            if (next.isEmpty() && transport != null) {
                transport.close();
                transport = null;
            }
        }
    }

    private static List<PoolInfo> pools(DhcpdConf conf, FailoverConf fo, String peer) {
        List<PoolInfo> l = new ArrayList<>();
        for (String id : fo.pools(peer)) {
            conf.pool(id).ifPresent(l::add);
        }
        return l;
    }

    private static void stop(Relationship r) {
        try {
            r.stop().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("failover peer {}: stop did not finish: {}", r.config().name(), String.valueOf(e));
        }
    }

    /** The server-level HBA in force, null when the server takes every client. */
    public Hba farm() {
        return farm;
    }

    Optional<Relationship> relationship(String name) {
        return Optional.ofNullable(relationships.get(name));
    }

    List<Relationship> all() {
        return List.copyOf(relationships.values());
    }

    /** The console's partner-down: a sentence saying what happened. */
    public String partnerDownNow(String name) throws Exception {
        if (!relationships.containsKey(name)) {
            return notConfigured(name).getMessage();
        }
        return partnerDown(name).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public List<String> peers() {
        return List.copyOf(relationships.keySet());
    }

    @Override
    public CompletionStage<String> partnerDown(String peer) {
        Relationship r = relationships.get(peer);
        if (r == null) {
            return CompletableFuture.failedFuture(notConfigured(peer));
        }
        return r.partnerDown().thenApply(moved -> moved
                ? "failover peer " + peer + ": partner-down (the partner's free addresses are served after MCLT, "
                        + r.status().mclt() + " s)"
                : "failover peer " + peer + ": not moved (already partner-down, or the partner is connected and normal)");
    }

    @Override
    public CompletionStage<String> requestUpdates(String peer, boolean all) {
        Relationship r = relationships.get(peer);
        if (r == null) {
            return CompletableFuture.failedFuture(notConfigured(peer));
        }
        return r.requestUpdates(all).thenApply(queued -> "failover peer " + peer + ": "
                + (all ? "update request all" : "update request") + " sent, " + queued
                + " binding update(s) of ours queued for the partner");
    }

    private static NoSuchElementException notConfigured(String peer) {
        return new NoSuchElementException("No failover peer \"" + peer + "\" is configured");
    }

    /** The console's rebalance: how many addresses the primary gave the secondary. */
    public String rebalance(String name) throws Exception {
        Relationship r = relationships.get(name);
        if (r == null) {
            return "No failover peer \"" + name + "\" is configured";
        }
        try {
            return "failover peer " + name + ": " + r.rebalance().get(10, TimeUnit.SECONDS)
                    + " address(es) given to the secondary";
        } catch (java.util.concurrent.ExecutionException e) {
            return "failover peer " + name + ": " + e.getCause().getMessage();
        }
    }

    @Override
    public ServiceView forPool(String poolId) {
        Relationship r = byPool.get(poolId);
        return r == null ? null : r.view();
    }

    /** The view of the relationship whose pools lie in this subnet, null when none does. */
    public ServiceView forSubnet(String subnetId) {
        Relationship r = bySubnet.get(subnetId);
        return r == null ? null : r.view();
    }

    @Override
    public long version() {
        return version.get();
    }

    public LeaseStore store() {
        return store;
    }

    void counted(String what) {
        counters.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    @Override
    public void leaseChanged(LeaseChange change) {
        if (LeaseBindings.ORIGIN.equals(change.origin())) {
            return;
        }
        Lease l = change.after() != null ? change.after() : change.before();
        for (Relationship r : relationships.values()) {
            if (r.bindings().covers(l)) {
                r.loop().execute(() -> r.bindings().changed(l.key()));
            }
        }
    }

    @Override
    public String prefix() {
        return "failover";
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Relationship r : relationships.values()) {
            Relationship.Status s = r.status();
            if (s != null) {
                Relationship.lines(s).forEach((k, v) -> m.put(s.name() + "." + k, v));
                for (PoolInfo p : r.bindings().pools()) {
                    PoolBalance.Count c = PoolBalance.count(store, p);
                    m.put(s.name() + ".pool." + p.id(), "free " + c.free() + ", backup " + c.backup() + " of " + c.total());
                }
            }
        }
        Hba f = farm;
        if (f != null) {
            m.put("farm.server-hba", f.primaryBuckets() + " of 256 buckets (" + f + ")");
        }
        if (!m.isEmpty()) {
            counters.forEach((k, v) -> m.put("packets-" + k, Long.toString(v.sum())));
        }
        return m;
    }

    @Override
    public void collect(MetricSink sink) {
        for (Relationship r : relationships.values()) {
            Relationship.Status s = r.status();
            if (s == null) {
                continue;
            }
            Relationship.metrics(s, sink);
        }
        Hba f = farm;
        if (f != null) {
            sink.gauge("leasehold_farm_buckets", "Hash buckets of 256 the server farm gives this server", Map.of(),
                    f.primaryBuckets());
        }
        counters.forEach((k, v) -> sink.counter("leasehold_failover_packets_" + k.replace('-', '_') + "_total",
                "Packets the failover handler dropped", Map.of(), v.sum()));
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            relationships.values().forEach(FailoverService::stop);
            relationships = Map.of();
            if (transport != null) {
                transport.close();
                transport = null;
            }
        }
    }
}
