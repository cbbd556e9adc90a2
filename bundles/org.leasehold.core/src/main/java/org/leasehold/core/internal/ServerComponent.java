package org.leasehold.core.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.leasehold.api.PacketSender;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.core.internal.capability.Capabilities;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.PoolStatsProvider;
import org.leasehold.core.internal.engine.ServerControl;
import org.leasehold.core.internal.pipeline.PipelineRunner;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
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
 * Starts the {@link DhcpServer} on a thread of its own ({@code leasehold-start}) and registers it as
 * {@link ServerInfo}, {@link ServerControl}, {@link LeaseStore} and {@link PoolStatsProvider} once
 * its sockets are bound. Activation waits for the sockets to bind, so that at boot Karaf's console
 * starts after the server and not alongside its journal replay, but never longer than
 * {@link #ACTIVATION_WAIT}: a framework thread that activates a component holds framework locks, and
 * a start that waits for event-loop threads (which may load classes, and so need those locks) must
 * not hold them indefinitely. Past that bound the start goes on alone.
 *
 * <p>A changed core configuration re-activates the component: the new start waits until the previous
 * server has closed its sockets and its journal. Deactivated while still starting, the start thread
 * closes what it opened itself and registers nothing; deactivation waits for that, with the same bound.
 * A start that fails is logged and serves nothing.
 */
@Component(configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = CoreConfig.class)
public final class ServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ServerComponent.class);
    /** How long activation waits for the sockets to bind (a million leases replay in about 3 s). */
    static final Duration ACTIVATION_WAIT = Duration.ofSeconds(30);
    private static final String[] SERVICES = {ServerInfo.class.getName(), ServerControl.class.getName(),
        LeaseStore.class.getName(), PoolStatsProvider.class.getName(), PacketSender.class.getName(),
        ConfigurationService.class.getName(), MetricsSource.class.getName()};

    /** Completes when the last activated instance has closed its server (or never opened one). */
    private static final AtomicReference<CompletableFuture<Void>> LAST_STOPPED =
            new AtomicReference<>(CompletableFuture.completedFuture(null));

    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CountDownLatch built = new CountDownLatch(1);
    private final Thread starter;
    private final Duration wait;
    private DhcpServer server;
    private ServiceRegistration<?> registration;
    private boolean deactivated;
    private final Capabilities capabilities;
    private final ServingState state = new ServingState();
    private final ServiceRegistration<ServingState> stateRegistration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PipelineRunner pipeline;

    @Activate
    public ServerComponent(CoreConfig config, BundleContext context, @Reference Capabilities capabilities) {
        this(config, context, capabilities, ACTIVATION_WAIT);
    }

    ServerComponent(CoreConfig config, BundleContext context, Capabilities capabilities, Duration wait) {
        this.wait = wait;
        this.capabilities = capabilities;
        this.stateRegistration = context == null ? null
                : context.registerService(ServingState.class, state, properties());
        CompletableFuture<Void> previous = LAST_STOPPED.getAndSet(stopped);
        starter = new Thread(() -> start(config, context, previous), "leasehold-start");
        starter.setDaemon(true);
        starter.start();
        try {
            if (!built.await(wait.toMillis(), TimeUnit.MILLISECONDS) && !wait.isZero()) {
                LOG.info("Leasehold DHCP server still starting after {} s; the start continues on its own thread",
                        wait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(CoreConfig config, BundleContext context, CompletableFuture<Void> previous) {
        DhcpServer started = null;
        ServiceRegistration<?> registered = null;
        boolean handedOver = false;
        try {
            previous.join();
            if (isDeactivated()) {
                return;
            }
            started = new DhcpServer(config, () -> pipeline, capabilities);
            built.countDown();
            if (isDeactivated()) {
                return;
            }
            registered = context.registerService(SERVICES, started, properties());
            synchronized (this) {
                if (!deactivated) {
                    server = started;
                    registration = registered;
                    handedOver = true; // from here deactivate() closes it
                    state.serving(String.join(",", config.listen()) + " port " + config.port());
                }
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? String.valueOf(e) : e.getMessage();
            state.notServing(why);
            LOG.error("Leasehold DHCP server NOT SERVING: {}. The console stays up; dhcp:status and dhcp:health say"
                    + " so until the cause is fixed and the configuration changes or the bundle restarts.", why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.notServing("start interrupted");
            LOG.warn("Leasehold DHCP server start interrupted");
        } finally {
            built.countDown();
            if (!handedOver) {
                // failed, or deactivated while starting: undo what was opened
                unregister(registered);
                if (started != null) {
                    closeQuietly(started);
                }
                stopped.complete(null);
            }
        }
    }

    synchronized boolean isDeactivated() {
        return deactivated;
    }

    private static Dictionary<String, ?> properties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_DESCRIPTION, "Leasehold DHCP server");
        return p;
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<?> registered;
        DhcpServer running;
        unregister(stateRegistration);
        synchronized (this) {
            deactivated = true;
            registered = registration;
            running = registered == null ? null : server;
            registration = null;
            server = null;
        }
        if (registered == null) {
            // still starting, or failed: the start thread undoes what it opened; wait for that, bounded,
            // so that a bundle update's next instance does not find the journal still held
            try {
                stopped.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.info("Leasehold DHCP server still stopping after {} s; it finishes on its own thread",
                        wait.toSeconds());
            } catch (ExecutionException e) {
                LOG.debug("Leasehold DHCP server stop failed: {}", String.valueOf(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        unregister(registered);
        closeQuietly(running);
        stopped.complete(null);
    }

    /** Completes when this instance's server is closed, or when it turned out never to start. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Whether it serves, and why not (for tests). */
    ServingState state() {
        return state;
    }

    /** The thread that starts the server (for tests). */
    Thread starter() {
        return starter;
    }

    private static void unregister(ServiceRegistration<?> registered) {
        if (registered != null) {
            try {
                registered.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped first
            }
        }
    }

    private static void closeQuietly(DhcpServer s) {
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Leasehold DHCP server not closed cleanly: {}", String.valueOf(e));
        }
    }
}
