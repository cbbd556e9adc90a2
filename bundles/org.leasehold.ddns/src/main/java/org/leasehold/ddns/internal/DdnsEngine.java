package org.leasehold.ddns.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.logging.RateLimitedLog;
import org.leasehold.api.config.ConfigParameters;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.ddns.internal.DnsBinding.State;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.leasehold.ddns.internal.config.ZoneConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update engine of one running DDNS configuration: turns durable lease changes into
 * {@link UpdateJob}s (adds after a grant, removals after a release, expiry, decline or a change of
 * name), runs them on the {@link UpdateQueue}, and writes each outcome back into the lease's variables
 * (origin {@value #ORIGIN}). Nothing here runs on a packet thread; {@link #leaseChanged} only queues.
 * Thread-safe.
 */
final class DdnsEngine implements AutoCloseable {

    static final String ORIGIN = "ddns";
    private static final Logger LOG = LoggerFactory.getLogger(DdnsEngine.class);
    static final long DEFAULT_TTL = 3600;

    private final Counters counters;
    private final UpdateQueue queue;
    private final RecordUpdates updates;
    private final Map<String, ZoneHealth> zones = new ConcurrentHashMap<>();
    private final RateLimitedLog warn = new RateLimitedLog(LOG);
    private volatile DdnsSettings settings;
    private volatile DhcpdConf conf;
    private volatile LeaseStore store;

    /** Totals over every zone. */
    static final class Counters {
        final LongAdder adds = new LongAdder();
        final LongAdder removals = new LongAdder();
        final LongAdder conflicts = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder hostile = new LongAdder();
        final LongAdder badFqdn = new LongAdder();
        volatile String lastError = "";
    }

    DdnsEngine(DdnsSettings settings, DhcpdConf conf, Counters counters, Duration timeout, int threads, int capacity) {
        this.settings = settings;
        this.conf = conf;
        this.counters = counters;
        this.updates = new RecordUpdates(new UpdateSender(timeout), new RecordUpdates.Report() {
            @Override
            public void sent(ZoneConfig zone) {
                health(zone.name()).sent();
            }

            @Override
            public void failed(ZoneConfig zone, DnsReplyException e) {
                health(zone.name()).failed(e);
            }
        });
        this.queue = new UpdateQueue(new UpdateQueue.Worker() {
            @Override
            public long run(UpdateJob job) {
                return DdnsEngine.this.run(job);
            }

            @Override
            public long waitNanos(UpdateJob job) {
                return DdnsEngine.this.waitNanos(job);
            }
        }, threads, capacity);
    }

    void reconfigure(DdnsSettings s, DhcpdConf c) {
        settings = s;
        conf = c;
    }

    DdnsSettings settings() {
        return settings;
    }

    void store(LeaseStore s) {
        store = s;
    }

    ZoneHealth health(String zone) {
        return zones.computeIfAbsent(zone, z -> new ZoneHealth(System::nanoTime));
    }

    UpdateQueue queue() {
        return queue;
    }

    /** On the core's lease-event thread: queue what the change asks for, never block. */
    void leaseChanged(LeaseChange change) {
        if (ORIGIN.equals(change.origin())) {
            return;
        }
        Optional<DnsBinding> before = change.beforeLease().flatMap(DnsBinding::of);
        Optional<DnsBinding> after = change.afterLease().flatMap(DnsBinding::of);
        Lease now = change.after();
        if (now != null && now.state() == LeaseState.ACTIVE) {
            if (before.isPresent() && (after.isEmpty() || !before.get().sameRecords(after.get()))) {
                submit(job(change.before(), before.get(), false));
            }
            boolean alreadyQueued = before.isPresent() && after.isPresent() && before.get().sameRecords(after.get())
                    && before.get().state() == State.PENDING && change.before().state() == LeaseState.ACTIVE;
            if (after.isPresent() && after.get().state() == State.PENDING && !alreadyQueued) {
                submit(job(now, after.get(), true));
            }
            return;
        }
        Optional<DnsBinding> gone = after.or(() -> before);
        if (gone.isPresent()) {
            submit(job(now != null ? now : change.before(), gone.get(), false));
        }
    }

    /** Re-issues what the lease table says: adds not confirmed (or all, {@code everything}), removals not done. */
    int reconcile(Iterable<Lease> leases, boolean everything, long nowEpochSecond) {
        int n = 0;
        for (Lease l : leases) {
            Optional<DnsBinding> b = DnsBinding.of(l);
            if (b.isEmpty()) {
                continue;
            }
            boolean active = l.state() == LeaseState.ACTIVE && !l.endedAt(nowEpochSecond);
            if (active && (everything || b.get().state() == State.PENDING)) {
                n += submit(job(l, b.get(), true)) ? 1 : 0;
            } else if (!active && l.state() != LeaseState.ACTIVE) {
                n += submit(job(l, b.get(), false)) ? 1 : 0;
            }
        }
        return n;
    }

    private boolean submit(UpdateJob job) {
        boolean queued = queue.submit(job);
        if (!queued) {
            warn.warn("overflow", "DDNS queue full ({} jobs): {} not queued; dhcp:ddns-resync re-issues it",
                    queue.capacity(), job.describe());
        }
        return queued;
    }

    UpdateJob job(Lease lease, DnsBinding b, boolean add) {
        ConfigParameters p = conf == null ? ConfigParameters.NONE : conf.parameters(lease.subnet(), lease.pool());
        long ttl = p.get("ddns-ttl").filter(t -> t.matches("\\d{1,10}")).map(Long::parseLong)
                .orElseGet(() -> defaultTtl(lease));
        boolean conflictDetection = p.flag("update-conflict-detection").orElse(true);
        return new UpdateJob(lease.key(), add, b, ttl, conflictDetection, lease.key().space().isEmpty());
    }

    /** ISC's default: half the lease time, at most an hour. */
    static long defaultTtl(Lease lease) {
        if (lease.endEpochSecond() == Lease.NEVER) {
            return DEFAULT_TTL;
        }
        long half = (lease.endEpochSecond() - System.currentTimeMillis() / 1000) / 2;
        return Math.max(0, Math.min(DEFAULT_TTL, half));
    }

    private long waitNanos(UpdateJob job) {
        long wait = 0;
        DdnsSettings s = settings;
        for (Optional<String> name : java.util.List.of(job.binding().forwardName(), job.binding().reverseName())) {
            Optional<ZoneConfig> z = name.flatMap(s::zoneFor);
            if (z.isPresent()) {
                wait = Math.max(wait, health(z.get().name()).waitNanos());
            }
        }
        return wait;
    }

    /** Runs a job; -1 when it is finished, else the nanoseconds to wait before trying again. */
    private long run(UpdateJob job) {
        try {
            RecordUpdates.Outcome outcome = updates.run(settings, job);
            finished(job, outcome);
            return -1;
        } catch (DnsReplyException e) {
            counters.lastError = e.getMessage();
            if (e.hostile()) {
                counters.hostile.increment();
                warn.warn("hostile", "DDNS: bad reply for {}: {}", job.describe(), e.getMessage());
            }
            if (e.transientFailure()) {
                counters.retries.increment();
                if (!e.hostile()) {
                    warn.warn("retry", "DDNS: {} will be retried: {}", job.describe(), e.getMessage());
                }
                return Math.max(waitNanos(job), TimeUnit.MILLISECONDS.toNanos(ZoneHealth.FIRST_MS));
            }
            counters.refused.increment();
            warn.warn("refused", "DDNS: {} failed: {}", job.describe(), e.getMessage());
            if (job.add()) {
                record(job, State.FAILED);
            }
            return -1;
        } catch (RuntimeException e) {
            counters.refused.increment();
            counters.lastError = String.valueOf(e);
            LOG.error("DDNS: {} abandoned on an internal error", job.describe(), e);
            return -1;
        }
    }

    private void finished(UpdateJob job, RecordUpdates.Outcome outcome) {
        if (!job.add()) {
            counters.removals.increment();
            LOG.debug("DDNS: removed {} ({})", job.describe(), outcome);
            LeaseStore s = store;
            if (s != null) {
                s.update(job.key(), cur -> cur.filter(l -> l.state() != LeaseState.ACTIVE)
                        .filter(l -> DnsBinding.of(l).filter(b -> b.sameRecords(job.binding())).isPresent())
                        .map(DnsBinding::clearFrom), ORIGIN);
            }
            return;
        }
        if (outcome == RecordUpdates.Outcome.CONFLICT) {
            counters.conflicts.increment();
            warn.warn("conflict", "DDNS: {} belongs to another client (RFC 4703): not registered for {}",
                    job.binding().forwardName().orElse("?"), job.key());
            record(job, State.CONFLICT);
            return;
        }
        counters.adds.increment();
        LOG.debug("DDNS: added {}", job.describe());
        record(job, State.DONE);
    }

    /** Writes an add's outcome into the lease, if the lease still stands for the same records. */
    private void record(UpdateJob job, State state) {
        LeaseStore s = store;
        if (s == null) {
            return;
        }
        s.update(job.key(), cur -> cur.filter(l -> l.state() == LeaseState.ACTIVE)
                .filter(l -> DnsBinding.of(l).filter(b -> b.sameRecords(job.binding()) && b.state() != state).isPresent())
                .map(l -> state == State.CONFLICT ? DnsBinding.clearFrom(l).withVariable(DnsBinding.STATE, state.text())
                        : job.binding().withState(state).applyTo(l)), ORIGIN);
    }

    Map<String, ZoneHealth> zones() {
        return Map.copyOf(zones);
    }

    @Override
    public void close() {
        queue.close();
    }
}
