package org.leasehold.core.internal.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.EventBlock;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.api.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease changes without an address handed out: DHCPRELEASE, DHCPDECLINE (§4.3.3, §4.3.4) and the
 * expiry sweep. None of them answers the client. Thread-safe.
 */
final class LeaseEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseEvents.class);
    private final RateLimitedLog warn = new RateLimitedLog(LOG);
    /** How long a declined address stays abandoned before the sweep may hand it out again. */
    static final long ABANDON_SECONDS = 86400;

    private final LeaseStore store;
    private final Allocation allocation;
    private final Hooks hooks;
    private final EngineStats stats;
    private final ProgramRunner programs;

    LeaseEvents(LeaseStore store, Allocation allocation, Hooks hooks, EngineStats stats, ProgramRunner programs) {
        this.programs = programs;
        this.store = store;
        this.allocation = allocation;
        this.hooks = hooks;
        this.stats = stats;
    }

    void release(Exchange x) {
        long address = Integer.toUnsignedLong(x.request.ciaddrInt());
        Optional<Lease> lease = find(x, address).filter(l -> x.client.equals(l.client()))
                .filter(l -> l.state() == LeaseState.ACTIVE);
        if (lease.isEmpty()) {
            stats.count("release.unknown");
            return;
        }
        x.ctx.put(PipelineAttributes.LEASE, lease.get());
        hooks.run(HookPoint.LEASE_RELEASE, x, v -> {
            if (v == Verdict.SKIP || v == Verdict.DROP) {
                return;
            }
            // ISC release_lease runs the lease's on-release statements; their set/unset go in the released record
            Lease released = lease.get().toBuilder().state(LeaseState.RELEASED).end(x.now).build();
            EventActions.Outcome event = EventActions.run(EventBlock.Event.RELEASE,
                    EventActions.scopes(x.view, lease.get(), x.classification.params(), x.host, x.packetView()),
                    released, new EventActions.Context(x.packetView(), x.host, false, x.now, x.label()));
            store.commit(event.lease()).whenComplete((l, t) -> {
                stored(x.label(), "release", l, t);
                if (t == null) {
                    event.programs().forEach(programs::submit);
                }
            });
        });
    }

    void decline(Exchange x) {
        Optional<Long> address = x.request.options().address(50).map(Ipv4::toLong);
        if (address.isEmpty()) {
            stats.count("decline.without-address");
            return;
        }
        if (!ConfigView.flag(x.scopes(), "declines").orElse(true)) {
            // ISC dhcpdecline: "deny declines" / "ignore declines" drop the DECLINE; the lease stays as it is
            stats.count("decline.denied");
            return;
        }
        Optional<Lease> lease = find(x, address.get());
        if (lease.isPresent() && lease.get().client() != null && !x.client.equals(lease.get().client())) {
            stats.count("decline.not-owner");
            return;
        }
        LeaseKey key = lease.map(Lease::key).orElseGet(() -> new LeaseKey(space(x, address.get()), Ipv4.of(address.get())));
        warn.warn("decline", "{}: client declined {} (in use by someone else?); abandoned", x.label(),
                key.address().getHostAddress());
        Lease abandoned = lease.orElseGet(() -> Lease.builder(key).build()).toBuilder().state(LeaseState.ABANDONED)
                .client(null).hardware(null).start(x.now).end(x.now + ABANDON_SECONDS).build();
        store.commit(abandoned).whenComplete((l, t) -> stored(x.label(), "decline", l, t));
    }

    /**
     * Moves every active lease whose end has passed to EXPIRED, unless a LEASE_EXPIRE handler skips it,
     * running the {@code on expiry} statements of the lease's scopes in {@code view} (global, subnet, pool:
     * there is no message, so no class or host scope, and the scopes' {@code if} statements are not
     * evaluated) on the expired record.
     */
    int expire(long now, Executor executor, ConfigView view) {
        int n = 0;
        for (Lease l : store.expiring(now)) {
            if (l.endEpochSecond() == Lease.NEVER) {
                continue;
            }
            n++;
            PacketContext ctx = PacketContext.ofLeaseEvent(l.key().address().getHostAddress());
            ctx.put(PipelineAttributes.LEASE, l);
            hooks.run(HookPoint.LEASE_EXPIRE, ctx, executor, v -> {
                if (v != Verdict.SKIP && v != Verdict.DROP) {
                    Lease expired = l.withState(LeaseState.EXPIRED);
                    EventActions.Outcome event = view == null ? new EventActions.Outcome(expired, List.of())
                            : EventActions.run(EventBlock.Event.EXPIRY,
                                    EventActions.scopes(view, l, List.of(), Optional.empty(), null), expired,
                                    new EventActions.Context(null, Optional.empty(), false, now, ctx.label()));
                    store.commit(event.lease()).whenComplete((x, t) -> {
                        stored(ctx.label(), "expiry", x, t);
                        if (t == null) {
                            event.programs().forEach(programs::submit);
                        }
                    });
                }
            });
        }
        return n;
    }

    private Optional<Lease> find(Exchange x, long address) {
        return store.get(new LeaseKey(space(x, address), Ipv4.of(address)));
    }

    /** The address space of the pool the address belongs to ("" when no pool of the link has it). */
    private static String space(Exchange x, long address) {
        for (SubnetDecl s : x.link) {
            for (PoolDecl p : s.pools()) {
                if (p.contains(address)) {
                    return p.space();
                }
            }
        }
        Optional<SubnetDecl> other = x.view.subnetContaining(address);
        return other.flatMap(s -> s.pools().stream().filter(p -> p.contains(address)).findFirst())
                .map(PoolDecl::space).orElse("");
    }

    private void stored(String label, String what, Lease lease, Throwable t) {
        if (t != null) {
            warn.warn("store " + what, "{}: {} not stored: {}", label, what, String.valueOf(t));
        } else {
            allocation.changed(lease);
        }
    }
}
