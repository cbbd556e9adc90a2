package org.leasehold.nacf.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LEASE_COMMIT, order {@value #ORDER}: keeps the packet's location with the lease it commits (see
 * {@link Locations}), and in sync mode pushes the attach itself and parks the packet until the CLF
 * answers: a successful answer lets the commit and the ACK go on; no answer within
 * {@code sync.timeout.ms}, a refusal, or a CLF that is down apply {@code sync.fallback} (grant: go on;
 * drop: nothing stored, no answer; the client retries). The push stays queued either way. A renewal at
 * the same location pushes nothing. Never blocks; thread-safe.
 */
final class AttachCommitHandler implements PacketHandler {

    static final int ORDER = 900;
    static final String NAME = "nacf-attach";
    private static final Logger LOG = LoggerFactory.getLogger(AttachCommitHandler.class);

    private final NacfSettings settings;
    private final Locations locations;
    private final ClfClient client;
    private final Supplier<LeaseStore> store;
    private final NacfCounters counters;

    AttachCommitHandler(NacfSettings settings, Locations locations, ClfClient client, Supplier<LeaseStore> store,
            NacfCounters counters) {
        this.settings = settings;
        this.locations = locations;
        this.client = client;
        this.store = store;
        this.counters = counters;
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        Optional<Lease> candidate = ctx.get(PipelineAttributes.LEASE);
        if (!ctx.hasRequest() || candidate.isEmpty()) {
            return Verdict.CONTINUE;
        }
        Lease lease = locations.withLocation(candidate.get(), ctx);
        ctx.put(PipelineAttributes.LEASE, lease);
        if (!settings.sync() || lease.state() != LeaseState.ACTIVE) {
            return Verdict.CONTINUE;
        }
        LeaseStore s = store.get();
        Lease current = s == null ? null : s.get(lease.key()).orElse(null);
        if (!Locations.attachNeeded(current, lease)) {
            return Verdict.CONTINUE;
        }
        if (current != null && current.state() == LeaseState.ACTIVE && !Locations.sameClient(current, lease)) {
            client.push(A2Kind.DETACH, locations.binding(current), "taken");
        }
        CompletableFuture<A2Message> answer = client.push(A2Kind.ATTACH, locations.binding(lease), "");
        if (!client.connected()) {
            LOG.debug("{}: CLF down, sync fallback at once", ctx.label());
            return fallback();
        }
        long timeout = settings.syncTimeout().toMillis();
        return Verdict.park(answer.orTimeout(timeout, TimeUnit.MILLISECONDS).handle((a, e) -> {
            if (e == null && a.succeeded()) {
                counters.syncAnswered.increment();
                return Verdict.CONTINUE;
            }
            LOG.debug("{}: CLF attach {}: sync fallback", ctx.label(), e != null ? "unanswered in " + timeout + " ms"
                    : "refused (" + a.result() + ")");
            return fallback();
        }));
    }

    private Verdict fallback() {
        if (settings.syncGrant()) {
            counters.syncFallbackGrant.increment();
            return Verdict.CONTINUE;
        }
        counters.syncFallbackDrop.increment();
        return Verdict.DROP;
    }
}
