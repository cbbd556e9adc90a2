package org.leasehold.core.internal;

import org.leasehold.core.internal.capability.Capabilities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.PoolStatsProvider;
import org.leasehold.core.internal.engine.ServerControl;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The component's activation waits for the server's sockets to bind, up to a bound, and registers the
 * server from a thread of its own; a re-activation waits for the previous server to close, and a
 * deactivation at any point of the start leaves nothing open.
 */
class ServerComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<ServerComponent> components = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        for (ServerComponent c : components) {
            c.deactivate();
        }
        for (ServerComponent c : components) {
            c.stopped().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void activationReturnsWithTheServerBuiltBeforeItIsRegisteredAndDeactivationClosesIt() throws Exception {
        FakeContext ctx = new FakeContext(new CountDownLatch(1));
        ServerComponent c = activate(ctx, config());
        // the journal is already held by the built server
        assertThatThrownBy(() -> new JournalLeaseStore(dir.resolve("data")).close())
                .isInstanceOf(IOException.class).hasMessageContaining("in use");
        await().atMost(WAIT).until(() -> ctx.registered.size() == 1);
        // activation has returned while its start thread is still inside the registration
        assertThat(c.starter().isAlive()).isTrue();
        Registered r = ctx.registered.get(0);
        assertThat(r.classes).containsExactlyInAnyOrder(ServerInfo.class.getName(), ServerControl.class.getName(),
                LeaseStore.class.getName(), PoolStatsProvider.class.getName(), org.leasehold.api.PacketSender.class.getName(),
                org.leasehold.api.config.ConfigurationService.class.getName(),
                org.leasehold.api.metrics.MetricsSource.class.getName());
        assertThat(((ServerControl) r.service).loopbackEndpoint()).isPresent();
        assertThat(metricNames((org.leasehold.api.metrics.MetricsSource) r.service)).contains(
                "gauge leasehold_leases{state=active}", "counter leasehold_datagrams_received_total{}",
                "histogram leasehold_journal_fsync_seconds{}", "counter leasehold_decode_errors_total{}");
        ctx.release.countDown();
        c.starter().join(WAIT.toMillis());

        c.deactivate();
        assertThat(c.stopped()).isDone();
        assertThat(r.unregistered).isTrue();
        assertJournalReleased();
    }

    @Test
    void deactivatedWhileRegisteringWithdrawsTheServiceAndClosesTheJournal() throws Exception {
        FakeContext ctx = new FakeContext(new CountDownLatch(1));
        ServerComponent c = activate(ctx, config(), Duration.ZERO);
        await().atMost(WAIT).until(() -> ctx.registered.size() == 1);
        c.deactivate();
        assertThat(c.stopped()).isNotDone(); // the start thread owns the undo
        ctx.release.countDown();
        c.stopped().orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(ctx.registered.get(0).unregistered).isTrue();
        assertJournalReleased();
    }

    @Test
    void deactivationWaitsForTheStartThreadsUndoWithinItsBound() throws Exception {
        FakeContext ctx = new FakeContext(new CountDownLatch(1));
        ServerComponent c = activate(ctx, config());
        await().atMost(WAIT).until(() -> ctx.registered.size() == 1);
        // the registration is released only once deactivation has begun
        Thread releaser = new Thread(() -> {
            await().atMost(WAIT).until(c::isDeactivated);
            ctx.release.countDown();
        });
        releaser.start();
        c.deactivate();
        // returned only once the start thread withdrew the service and closed the journal
        assertThat(c.stopped()).isDone();
        assertThat(ctx.registered.get(0).unregistered).isTrue();
        assertJournalReleased();
        releaser.join();
    }

    @Test
    void aReactivationStartsOnlyOnceThePreviousServerClosedItsJournal() throws Exception {
        FakeContext first = new FakeContext(null);
        ServerComponent a = activate(first, config());
        await().atMost(WAIT).until(() -> first.registered.size() == 1);

        // same journal folder: opened while the first still holds it, the start would fail "in use"
        FakeContext second = new FakeContext(null);
        ServerComponent b = activate(second, config(), Duration.ZERO);
        // its start thread parks, waiting for the first to stop
        await().atMost(WAIT).until(() -> b.starter().getState() == Thread.State.WAITING);
        assertThat(second.registered).isEmpty();
        assertThat(b.stopped()).isNotDone();

        a.deactivate();
        await().atMost(WAIT).until(() -> second.registered.size() == 1);
        assertThat(((LeaseStore) second.registered.get(0).service).size()).isZero();
    }

    @Test
    void deactivatedBeforeItsTurnNeverOpensAnything() throws Exception {
        FakeContext first = new FakeContext(new CountDownLatch(1));
        ServerComponent a = activate(first, config());
        await().atMost(WAIT).until(() -> first.registered.size() == 1);

        FakeContext second = new FakeContext(null);
        ServerComponent b = activate(second, config(), Duration.ZERO);
        b.deactivate();
        first.release.countDown();
        a.deactivate();
        b.stopped().orTimeout(30, TimeUnit.SECONDS).join();
        b.starter().join(WAIT.toMillis());
        assertThat(second.registered).isEmpty();
        assertJournalReleased();
    }

    @Test
    void aStartThatFailsRegistersNothingAndLetsTheNextOneRun() throws Exception {
        Path leases = dir.resolve("data");
        FakeContext failing = new FakeContext(null);
        ServerComponent a;
        try (JournalLeaseStore holder = new JournalLeaseStore(leases)) {
            a = activate(failing, config());
            a.stopped().orTimeout(30, TimeUnit.SECONDS).join();
        }
        assertThat(failing.registered).isEmpty();
        assertThat(failing.states).hasSize(1);
        assertThat(a.state().snapshot().phase()).isEqualTo(ServingState.Phase.NOT_SERVING);
        assertThat(a.state().headline()).startsWith("not serving: ").contains("in use");

        FakeContext next = new FakeContext(null);
        ServerComponent b = activate(next, config());
        await().atMost(WAIT).until(() -> next.registered.size() == 1);
        await().atMost(WAIT).until(() -> b.state().snapshot().phase() == ServingState.Phase.SERVING);
        assertThat(b.state().headline()).startsWith("serving on 127.0.0.1 port 0");
        b.deactivate();
        assertThat(next.states.get(0).unregistered).isTrue();
    }

    private ServerComponent activate(FakeContext ctx, CoreConfig config) {
        return activate(ctx, config, ServerComponent.ACTIVATION_WAIT);
    }

    private ServerComponent activate(FakeContext ctx, CoreConfig config, Duration wait) {
        ServerComponent c = new ServerComponent(config, ctx.proxy(), new Capabilities(), wait);
        components.add(c);
        return c;
    }

    private CoreConfig config() throws IOException {
        return TestCoreConfig.of(dir, Map.of());
    }

    private void assertJournalReleased() throws IOException {
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir.resolve("data"))) {
            assertThat(reopened.size()).isZero();
        }
    }

    /** What a metrics source reports, as "type name{labels}" lines (labels sorted, values left out). */
    private static java.util.List<String> metricNames(org.leasehold.api.metrics.MetricsSource source) {
        java.util.List<String> out = new java.util.ArrayList<>();
        source.collect(new org.leasehold.api.metrics.MetricSink() {
            @Override
            public void counter(String name, String help, java.util.Map<String, String> labels, double value) {
                out.add("counter " + name + new java.util.TreeMap<>(labels).toString().replace(" ", ""));
            }

            @Override
            public void gauge(String name, String help, java.util.Map<String, String> labels, double value) {
                out.add("gauge " + name + new java.util.TreeMap<>(labels).toString().replace(" ", ""));
            }

            @Override
            public void histogram(String name, String help, java.util.Map<String, String> labels, double[] bounds,
                    long[] counts, long count, double sum) {
                assertThat(counts).hasSameSizeAs(bounds);
                out.add("histogram " + name + new java.util.TreeMap<>(labels).toString().replace(" ", ""));
            }
        });
        return out;
    }

    /** One registerService call. */
    private static final class Registered {
        final List<String> classes;
        final Object service;
        volatile boolean unregistered;

        Registered(String[] classes, Object service) {
            this.classes = List.of(classes);
            this.service = service;
        }
    }

    /** A bundle context that records registrations; with a latch, registerService waits for it. */
    private static final class FakeContext {
        final CountDownLatch release;
        final List<Registered> registered = new CopyOnWriteArrayList<>();
        final List<Registered> states = new CopyOnWriteArrayList<>();

        FakeContext(CountDownLatch release) {
            this.release = release;
        }

        BundleContext proxy() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                    (p, m, args) -> {
                        if (m.getName().equals("registerService") && args[0] instanceof Class<?> type) {
                            // the serving state, registered at activation: recorded apart, never held back
                            Registered r = new Registered(new String[] {type.getName()}, args[1]);
                            states.add(r);
                            return registration(r);
                        }
                        if (!m.getName().equals("registerService") || !(args[0] instanceof String[] classes)) {
                            throw new UnsupportedOperationException(m.getName());
                        }
                        Registered r = new Registered(classes, args[1]);
                        registered.add(r);
                        if (release != null && !release.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("test never released the registration");
                        }
                        return registration(r);
                    });
        }

        private Object registration(Registered r) {
            return Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (p2, m2, a2) -> {
                        if (m2.getName().equals("unregister")) {
                            if (r.unregistered) {
                                throw new IllegalStateException("already unregistered");
                            }
                            r.unregistered = true;
                            return null;
                        }
                        throw new UnsupportedOperationException(m2.getName());
                    });
        }
    }
}
