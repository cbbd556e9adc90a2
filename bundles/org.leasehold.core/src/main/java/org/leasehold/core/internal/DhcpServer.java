package org.leasehold.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.leasehold.api.PacketSender;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.ReplyEncoding;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.core.internal.alloc.PoolStat;
import org.leasehold.core.internal.alloc.PoolStatsProvider;
import org.leasehold.core.internal.capability.Capabilities;
import org.leasehold.core.internal.capability.ConfigCoordinator;
import org.leasehold.core.internal.capability.LeaseChanges;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.engine.ConfigView;
import org.leasehold.core.internal.engine.DhcpEngine;
import org.leasehold.core.internal.engine.ProgramRunner;
import org.leasehold.core.internal.engine.LeaseStoreFacade;
import org.leasehold.core.internal.engine.PoolOccupancy;
import org.leasehold.core.internal.engine.ServerControl;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.lease.JournalOptions;
import org.leasehold.core.internal.lease.JournalStats;
import org.leasehold.core.internal.pipeline.PipelineRunner;
import org.leasehold.core.internal.transport.BindRefusedException;
import org.leasehold.core.internal.transport.Endpoint;
import org.leasehold.core.internal.transport.ListenSpec;
import org.leasehold.core.internal.transport.UdpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running DHCP server: reads dhcpd.conf, opens the lease journal, binds the configured sockets
 * and hands every datagram to the engine; sweeps expired leases on a timer thread of its own.
 * The journal replays on a thread of its own while the configuration is read, the event loops start
 * and (first start in this class loader only) a {@link Rehearsal} warms the packet path; the sockets
 * open after both. The object is also the {@link LeaseStore} (delegating to the journal it opened)
 * and the {@link PoolStatsProvider}, for the console commands and other capabilities.
 * {@link ServerComponent} makes one on a thread of its own and registers it as those services.
 */
public final class DhcpServer extends LeaseStoreFacade implements ServerInfo, ServerControl, PoolStatsProvider,
        PacketSender, ConfigurationService, MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(DhcpServer.class);
    private static final long REHEARSAL_TIMEOUT_MILLIS = 5_000;
    private static final AtomicBoolean REHEARSED = new AtomicBoolean();

    private final CoreConfig config;
    private final ProgramRunner programs;
    private final Path configFile;
    private final ConfigCoordinator configuration;
    private final Capabilities capabilities;
    private final LeaseChanges changes;
    private final JournalLeaseStore store;
    private final UdpTransport transport;
    private final DhcpEngine engine;
    /** ICMP echo before OFFER (ping-check), from its own threads. */
    private final org.leasehold.core.internal.engine.PingCheck ping = org.leasehold.core.internal.engine.PingCheck.icmp();
    private final ScheduledExecutorService sweeper;
    private final PoolOccupancy pools;
    private final Supplier<PipelineRunner> pipeline;
    private final CoreMetrics metrics;

    /**
     * Starts the server; returns once its sockets are bound.
     *
     * @param pipeline     the capability pipeline as bound now (null when none is)
     * @param capabilities what capabilities registered for the core (participants, listeners, policy)
     */
    public DhcpServer(CoreConfig config, Supplier<PipelineRunner> pipeline, Capabilities capabilities)
            throws IOException, InterruptedException {
        this.config = config;
        this.pipeline = pipeline;
        this.capabilities = capabilities;
        this.configFile = home(config.configFile());
        if (!Files.isRegularFile(configFile)) {
            // the spec's rule: no dhcpd.conf, no server (a file with errors is rejected and replaced by a reload)
            throw new NoSuchFileException(configFile.toString(), null,
                    "no dhcpd.conf there; the server does not start without one (create it, then restart the bundle)");
        }
        ConfigCoordinator[] coordinator = new ConfigCoordinator[1];
        // The journal replays on a thread of its own (a million leases take seconds) while this one
        // reads the configuration, starts the event loops and rehearses the packet path.
        FutureTask<JournalLeaseStore> opening = new FutureTask<>(() -> new JournalLeaseStore(home(config.leaseDir()),
                JournalOptions.DEFAULTS.withCommitDelay(Math.max(0, Math.min(1_000_000, config.commitDelayMicros())),
                        JournalOptions.DEFAULTS.groupTarget())));
        Thread opener = new Thread(opening, "leasehold-journal-open");
        opener.start();
        UdpTransport udp = null;
        try {
            coordinator[0] = new ConfigCoordinator(configFile, capabilities, this::primeQuietly);
            int threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
            udp = new UdpTransport(threads, config.shedDiscoversAfter());
            rehearse(config.rehearsalExchanges(), udp);
        } catch (RuntimeException e) {
            if (udp != null) {
                udp.close();
            }
            if (coordinator[0] != null) {
                coordinator[0].close();
            }
            closeWhenOpened(opening);
            throw e;
        }
        this.configuration = coordinator[0];
        this.transport = udp;
        this.store = opened(opening, transport);
        this.programs = config.eventsExecute()
                ? new ProgramRunner(true, config.eventsExecuteTimeoutSeconds(), config.eventsExecuteQueue())
                : ProgramRunner.disabled();
        this.engine = new DhcpEngine(configuration::view, store, pipeline, capabilities::policy,
                () -> System.currentTimeMillis() / 1000, config.port(), config.clientPort(), ping, programs);
        this.changes = new LeaseChanges(capabilities, engine::leaseChanged, l -> engine.leaseGone(l.key()));
        store.observe(changes);
        try {
            List<ListenSpec> specs = new ArrayList<>();
            for (String listen : config.listen()) {
                for (String entry : listen.split(",")) {
                    if (!entry.isBlank()) {
                        try {
                            specs.add(ListenSpec.resolve(entry));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(CoreConfig.PID + " listen: " + e.getMessage(), e);
                        }
                    }
                }
            }
            ListenSpec.checkDisjoint(specs);
            engine.prime();
            transport.bind(specs, config.port(), engine);
        } catch (RuntimeException | InterruptedException | BindRefusedException e) {
            transport.close();
            changes.close();
            store.close();
            configuration.close();
            ping.close();
            programs.close();
            throw e;
        }
        this.pools = new PoolOccupancy(configuration::view, store);
        this.metrics = new CoreMetrics(transport, engine.stats(), store, pools, pipeline);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leasehold-expiry");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, config.expirySweepSeconds());
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
        configuration.start();
        LOG.info("Leasehold DHCP server started on {} port {} ({} leases)", String.join(",", config.listen()),
                config.port(), store.size());
    }

    /**
     * The scratch run that warms the packet path (see {@link Rehearsal}), once per loaded bundle: a
     * re-activation (a changed core configuration) finds the code warm. A failure only costs the warm-up.
     */
    private static void rehearse(int exchanges, UdpTransport transport) {
        if (exchanges <= 0 || REHEARSED.getAndSet(true)) {
            return;
        }
        try {
            Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
            Rehearsal.Result r = Rehearsal.run(scratch, exchanges, REHEARSAL_TIMEOUT_MILLIS, transport);
            LOG.info("Rehearsed {} exchanges on a scratch journal ({} ACKs) in {} ms", r.asked(), r.acked(), r.millis());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Packet path rehearsal failed, serving cold: {}", String.valueOf(e));
        }
    }

    /** The store the opener thread made; on failure the transport is closed and the cause rethrown. */
    private static JournalLeaseStore opened(FutureTask<JournalLeaseStore> opening, UdpTransport transport)
            throws IOException, InterruptedException {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            transport.close();
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            transport.close();
            closeWhenOpened(opening);
            throw e;
        }
    }

    /** Activation failed elsewhere: close the store once the opener is done with it (it holds a file lock). */
    private static void closeWhenOpened(FutureTask<JournalLeaseStore> opening) {
        Thread closer = new Thread(() -> {
            try {
                opening.get().close();
            } catch (ExecutionException | IOException e) {
                LOG.debug("Lease store not opened or not closed after a failed start: {}", String.valueOf(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leasehold-journal-close");
        closer.start();
    }

    /** A relative path is under the distribution's folder (karaf.home), not the working directory. */
    static Path home(String path) {
        Path p = Path.of(path);
        String home = System.getProperty("karaf.home");
        return p.isAbsolute() || home == null ? p : Path.of(home).resolve(p);
    }

    /** A configuration is in force: build its allocator ahead of the first packet. */
    private void primeQuietly() {
        DhcpEngine e = engine;
        if (e == null) {
            return; // the first configuration: the start primes it once the store is open
        }
        try {
            e.prime();
        } catch (RuntimeException ex) {
            // the first packet builds it then, and counts the failure if it recurs there
            LOG.warn("Allocator of the reloaded configuration not built ahead: {}", String.valueOf(ex));
        }
    }

    private void sweep() {
        try {
            int n = engine.sweep(Runnable::run);
            if (n > 0) {
                LOG.debug("Expiry sweep: {} leases expired", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Expiry sweep failed: {}", String.valueOf(e));
        }
    }

    /** Stops serving: closes the sockets and the event loops, then the journal. */
    public void close() throws IOException {
        sweeper.shutdownNow();
        configuration.close();
        transport.close();
        store.close();
        changes.close();
        ping.close();
        programs.close();
        LOG.info("Leasehold DHCP server stopped");
    }

    /** {@code dhcp:reload}: the problems as {@code file:line:column: message} lines. */
    @Override
    public List<String> reloadConfiguration() {
        return configuration.reload().stream().map(Object::toString).toList();
    }

    @Override
    public List<ConfigProblem> reload() {
        return configuration.reload();
    }

    /** The configuration in force and the ways to change it. */
    public ConfigCoordinator configuration() {
        return configuration;
    }

    @Override
    public DhcpdConf current() {
        return configuration.current();
    }

    @Override
    public List<ConfigProblem> check(String name, String text) {
        return configuration.check(name, text);
    }

    @Override
    public List<ConfigProblem> apply(String text) {
        return configuration.apply(text);
    }

    @Override
    public CompletionStage<Void> send(DhcpMessage message, InetSocketAddress to) {
        List<Endpoint> endpoints = transport.endpoints();
        if (endpoints.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no socket is bound"));
        }
        boolean loop = to.getAddress() != null && to.getAddress().isLoopbackAddress();
        Endpoint via = endpoints.stream().filter(e -> e.loopback() == loop).findFirst().orElse(endpoints.get(0));
        try {
            via.send(DhcpCodec.encodeReply(message, ReplyEncoding.defaults()), to);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public int clientPort() {
        return config.clientPort();
    }

    @Override
    public LeaseStore leases() {
        return store;
    }

    @Override
    public int importLeases(List<Lease> leases, String origin, java.util.function.IntConsumer progress)
            throws IOException, InterruptedException {
        return store.importLeases(leases, origin, progress);
    }

    @Override
    protected LeaseStore store() {
        return store;
    }

    /** The metrics endpoint's view of the core ({@link CoreMetrics}). */
    @Override
    public void collect(MetricSink sink) {
        metrics.collect(sink);
    }

    @Override
    public List<PoolStat> poolStats() {
        return pools.poolStats();
    }

    @Override
    public Optional<InetSocketAddress> loopbackEndpoint() {
        return transport.endpoints().stream().filter(Endpoint::loopback).findFirst()
                .map(e -> new InetSocketAddress(e.addresses().get(0), config.port()));
    }

    @Override
    public int serverPort() {
        return config.port();
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen", String.join(",", config.listen()) + " port " + config.port() + " (clients " + config.clientPort() + ")");
        s.put("sockets", transport.endpoints().toString());
        s.put("transport", transport.epoll() ? "epoll" : "nio");
        s.put("config", configuration.status());
        int ignored = configuration.warnings(configuration.current().config()).size();
        if (ignored > 0) {
            s.put("config.warnings", ignored + " (dhcp:config-check " + configFile + " lists them)");
        }
        configuration.refusals().forEach((name, problems) -> s.put("config.refused-by." + name,
                problems.size() + " problem(s), first: " + problems.get(0)));
        s.put("pipeline", pipeline.get() == null ? "absent" : "bound");
        s.put("events.execute", config.eventsExecute() ? "on (" + config.eventsExecuteTimeoutSeconds()
                + " s limit, " + config.eventsExecuteQueue() + " may wait)" : "off (eventsExecute = false)");
        s.put("packets.received", Long.toString(transport.received()));
        s.put("packets.sent", Long.toString(transport.sent()));
        s.put("packets.send-failures", Long.toString(transport.sendFailures()));
        s.put("packets.shed-discover", Long.toString(transport.shedDiscovers()));
        for (LeaseState st : LeaseState.values()) {
            long n = store.count(st);
            if (n > 0) {
                s.put("leases." + st.name().toLowerCase(Locale.ROOT), Long.toString(n));
            }
        }
        JournalStats journal = store.stats();
        s.put("journal.bytes", Long.toString(journal.fileBytes()));
        s.put("journal.fsyncs", Long.toString(journal.fsyncs()));
        s.put("journal.slow-fsyncs", Long.toString(journal.slowFsyncs()));
        s.put("journal.compactions", Long.toString(journal.compactions()));
        engine.stats().snapshot().forEach((k, v) -> s.put(k, Long.toString(v)));
        if (!capabilities.listeners().isEmpty()) {
            s.put("lease-events.queued", Integer.toString(changes.queued()));
            s.put("lease-events.listener-failures", Long.toString(changes.failures()));
        }
        for (StatusContributor c : capabilities.contributors()) {
            try {
                c.status().forEach((k, v) -> s.put(c.prefix() + "." + k, v));
            } catch (RuntimeException e) {
                s.put(c.prefix() + ".error", String.valueOf(e));
            }
        }
        return s;
    }
}
