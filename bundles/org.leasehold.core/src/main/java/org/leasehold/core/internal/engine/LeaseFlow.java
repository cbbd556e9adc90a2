package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.core.internal.alloc.AllocationRequest;
import org.leasehold.core.internal.alloc.AllocationResult.Allocated;
import org.leasehold.core.internal.alloc.AllocationResult;
import org.leasehold.core.internal.config.EventBlock;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.Permit;
import org.leasehold.core.internal.config.ScopeParameters;
import org.leasehold.core.internal.engine.AddressPicker.Candidate;
import org.leasehold.api.logging.RateLimitedLog;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.value.Ipv4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DISCOVER → OFFER, REQUEST → ACK/NAK in every client state of RFC 2131 §4.3.2, and BOOTP
 * requests. Nothing here blocks: an ACK is sent when the lease store's commit completes.
 * Thread-safe (per-packet state lives in the {@link Exchange}).
 */
final class LeaseFlow {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseFlow.class);
    private final RateLimitedLog warn = new RateLimitedLog(LOG);

    /** Sends a reply through the RESPOND and SEND points. */
    interface Responder {
        void respond(Exchange x, DhcpMessage reply);
    }

    private final LeaseStore store;
    private final Allocation allocation;
    private final AddressPicker picker;
    private final OfferCache offers;
    private final Hooks hooks;
    private final Responder out;
    private final EngineStats stats;

    private final PingCheck ping;
    private final ProgramRunner programs;

    LeaseFlow(LeaseStore store, OfferCache offers, Allocation allocation, Hooks hooks, Responder out,
            EngineStats stats, PingCheck ping, ProgramRunner programs) {
        this.ping = ping;
        this.programs = programs;
        this.store = store;
        this.allocation = allocation;
        this.picker = new AddressPicker(store, offers, allocation.usage());
        this.offers = offers;
        this.hooks = hooks;
        this.out = out;
        this.stats = stats;
    }

    private AddressPicker.Client who(Exchange x, boolean bootp) {
        return new AddressPicker.Client(x.client, bootp, x.host.isPresent(), x.classes,
                x.classification.authenticated(), x.now);
    }

    void discover(Exchange x) {
        Optional<Long> requested = x.request.options().address(50).map(Ipv4::toLong);
        Optional<Allocated> a = allocate(x, requested, false);
        if (a.isEmpty()) {
            return;
        }
        Optional<Candidate> c = candidate(a.get());
        if (refused(x, scopes(x, c), true, false)) {
            c.ifPresent(k -> allocation.recheck(k.key()));
            return;
        }
        Optional<Long> fixed = c.isEmpty() ? Optional.of(Ipv4.toLong(a.get().address())) : Optional.empty();
        Lease candidate = candidateLease(x, fixed, c, leaseTime(x, c));
        x.ctx.put(PipelineAttributes.LEASE, candidate);
        parameters(x, c);
        hooks.run(HookPoint.LEASE_SELECT, x, v -> {
            if (v == Verdict.DROP || v == Verdict.RESPOND || (v == Verdict.SKIP && !x.ctx.has(PipelineAttributes.LEASE))) {
                c.ifPresent(k -> allocation.recheck(k.key()));
                if (v == Verdict.RESPOND) {
                    x.ctx.reply().ifPresent(r -> out.respond(x, r));
                }
                return;
            }
            Lease chosen = x.ctx.get(PipelineAttributes.LEASE).orElse(candidate);
            offers.hold(chosen.key(), x.client, x.now).ifPresent(allocation::recheck);
            if (!chosen.key().equals(candidate.key())) {
                c.ifPresent(k -> allocation.recheck(k.key()));
            }
            long seconds = chosen.endEpochSecond() == Lease.NEVER ? Lease.NEVER : chosen.endEpochSecond() - x.now;
            Runnable offer = () -> {
                EventActions.Outcome own = EventActions.offer(scopes(x, c), chosen,
                        new EventActions.Context(x.packetView(), x.host, c.isEmpty(), x.now, x.label()));
                out.respond(x, ReplyBuilder.lease(x, MessageType.OFFER, addr(chosen), seconds, scopes(x, c)));
                own.programs().forEach(programs::submit);
            };
            if (c.isPresent() && chosen.key().equals(c.get().key()) && pingFirst(x, c.get(), scopes(x, c))) {
                pingThenOffer(x, c.get(), scopes(x, c), offer);
            } else {
                offer.run();
            }
        });
    }

    /**
     * ISC's ack_lease drops, silently, before OFFER or ACK: a DISCOVER whose {@code secs} field is below
     * {@code min-secs} (an 8-bit value in ISC; checked for DISCOVER only), and a client with no host
     * declaration when {@code boot-unknown-clients} is false (DHCP only), and any request, BOOTP too
     * (bootp.c), of a client whose scopes say {@code deny booting} or {@code ignore booting}.
     */
    private boolean refused(Exchange x, List<Params> scopes, boolean discover, boolean bootp) {
        if (!ConfigView.flag(scopes, "booting").orElse(true)) {
            stats.count("drop.booting-denied");
            return true;
        }
        if (discover) {
            Optional<Long> min = ConfigView.number(scopes, "min-secs");
            if (min.isPresent() && x.request.secs() < min.get()) {
                stats.count("drop.min-secs");
                return true;
            }
        }
        if (!bootp && x.host.isEmpty() && !ConfigView.flag(scopes, "boot-unknown-clients").orElse(true)) {
            stats.count("drop.unknown-client");
            return true;
        }
        return false;
    }

    /**
     * ISC's conditions (dhcpd.conf(5), ping-cltt-secs): {@code ping-check} on (ISC's default), and the
     * address not the client's own lease of the last {@code ping-cltt-secs} (default 60).
     */
    private boolean pingFirst(Exchange x, Candidate c, List<Params> scopes) {
        if (!ConfigView.flag(scopes, "ping-check").orElse(true) || x.pingAttempts >= PING_ATTEMPTS) {
            return false;
        }
        Optional<Lease> stored = store.get(c.key());
        long cltt = ConfigView.number(scopes, "ping-cltt-secs").orElse(60L);
        return stored.isEmpty() || stored.get().state() == LeaseState.ABANDONED
                || !x.client.equals(stored.get().client()) || x.now - stored.get().startEpochSecond() > cltt;
    }

    /** At most this many addresses pinged for one DISCOVER before it is dropped (the client will retry). */
    private static final int PING_ATTEMPTS = 3;

    /**
     * Pings off the event loop, the address held for the client meanwhile; silence offers it, an answer
     * abandons it for {@code abandon-lease-time} (ISC's 86400 s default) and the DISCOVER is allocated anew.
     */
    private void pingThenOffer(Exchange x, Candidate c, List<Params> scopes, Runnable offer) {
        x.pingAttempts++;
        int timeout = ConfigView.number(scopes, "ping-timeout-ms").map(Long::intValue)
                .orElse((int) (ConfigView.number(scopes, "ping-timeout").orElse(1L) * 1000));
        ping.ping(c.key().address(), Math.max(1, timeout)).whenComplete((r, t) -> x.loop.execute(() -> {
            if (r != PingCheck.Result.ANSWERED) {
                stats.count(r == PingCheck.Result.SILENT ? "ping.silent" : "ping.not-sent");
                offer.run();
                return;
            }
            stats.count("ping.answered");
            warn.warn("ping " + c.key().address().getHostAddress(), "{}: {} answered a ping before it was offered;"
                    + " abandoned", x.label(), c.key().address().getHostAddress());
            long abandon = ConfigView.number(scopes, "abandon-lease-time").orElse(LeaseEvents.ABANDON_SECONDS);
            Lease abandoned = store.get(c.key()).orElseGet(() -> Lease.builder(c.key()).build()).toBuilder()
                    .state(LeaseState.ABANDONED).client(null).hardware(null).start(x.now).end(x.now + abandon).build();
            offers.release(x.client);
            store.commit(abandoned).whenComplete((l, e) -> x.loop.execute(() -> {
                allocation.recheck(c.key());
                if (e == null) {
                    discover(x);
                }
            }));
        }));
    }

    /** Asks the configuration's allocator (RFC 2131 §4.3.1 order, pool permits, class limits). */
    private Optional<Allocated> allocate(Exchange x, Optional<Long> requested, boolean bootp) {
        AllocationResult r = allocation.allocator(x.view).allocate(new AllocationRequest(x.subnet.orElseThrow(),
                Bytes.of(x.client.bytes()), requested.map(Ipv4::of), x.classification, bootp, x.now));
        if (r instanceof AllocationResult.Refused refused) {
            stats.count(bootp ? "drop.bootp-no-address" : "drop.no-address");
            warn.warn("no-address " + x.subnet.get().id(), "{}: no address on {}: {}", x.label(), x.subnet.get().id(),
                    refused.reason());
            return Optional.empty();
        }
        return Optional.of((Allocated) r);
    }

    /** The pool candidate of an allocation; empty for a host's fixed address (which is not stored). */
    private static Optional<Candidate> candidate(Allocated a) {
        return a.pool() == null ? Optional.empty()
                : Optional.of(new Candidate(new LeaseKey(a.space(), a.address()), a.subnet(), a.pool()));
    }

    void request(Exchange x) {
        Optional<Inet4Address> sid = x.request.options().address(54);
        long ciaddr = Integer.toUnsignedLong(x.request.ciaddrInt());
        Optional<Long> requested = x.request.options().address(50).map(Ipv4::toLong);
        if (sid.isPresent()) {
            // ISC's 'server-id-check off' (dhcp.c dhcprequest) reads no server identifier at all: a REQUEST
            // naming another server is answered like one naming us. Leasehold's default is RFC 2131 4.3.2.
            if (!DhcpEngine.isOurs(x, sid.get()) && ConfigView.flag(x.scopes(), "server-id-check").orElse(true)) {
                // SELECTING, and the client chose another server: our offer is free again.
                offers.release(x.client).ifPresent(allocation::recheck);
                stats.count("request.other-server");
                return;
            }
            long address = requested.orElse(ciaddr);
            if (address == 0) {
                stats.count("drop.request-without-address");
                return;
            }
            ack(x, address, true);
            return;
        }
        long address = ciaddr != 0 ? ciaddr : requested.orElse(0L);
        if (address == 0) {
            stats.count("drop.request-without-address");
            return;
        }
        ack(x, address, false);
    }

    /** ACK {@code address} if the client may have it, else NAK (or stay silent when not authoritative). */
    private void ack(Exchange x, long address, boolean selecting) {
        boolean authoritative = ConfigView.flag(x.scopes(), "authoritative").orElse(false);
        Optional<Long> fixed = fixedAddress(x);
        if (x.subnet.isEmpty() || x.link.stream().noneMatch(s -> s.contains(address))) {
            nakOrIgnore(x, authoritative || selecting, "requested address not on this network");
            return;
        }
        Optional<Candidate> c = Optional.empty();
        if (fixed.isEmpty() || fixed.get() != address) {
            c = picker.candidateAt(x.link, address, who(x, false), x.now);
            boolean known = c.isPresent() && store.get(c.get().key()).filter(l -> x.client.equals(l.client())).isPresent();
            boolean offered = c.isPresent() && offers.offeredTo(x.client, x.now).filter(c.get().key()::equals).isPresent();
            if (c.isEmpty() || !(known || offered || selecting)) {
                nakOrIgnore(x, authoritative || selecting, c.isEmpty() ? "address not available" : "no binding for this client");
                return;
            }
        }
        if (refused(x, scopes(x, c), false, false)) {
            return;
        }
        Lease lease = reuseYoungLease(candidateLease(x, fixed.filter(f -> f == address), c, leaseTime(x, c)),
                scopes(x, c), c.isPresent(), x.now);
        x.ctx.put(PipelineAttributes.LEASE, lease);
        parameters(x, c);
        Optional<Candidate> cand = c;
        hooks.run(HookPoint.LEASE_SELECT, x, v -> {
            if (v == Verdict.DROP) {
                return;
            }
            if (v == Verdict.RESPOND) {
                x.ctx.reply().ifPresent(r -> out.respond(x, r));
                return;
            }
            if (v == Verdict.SKIP && !x.ctx.has(PipelineAttributes.LEASE)) {
                out.respond(x, ReplyBuilder.nak(x, "no lease"));
                return;
            }
            commit(x, x.ctx.get(PipelineAttributes.LEASE).orElse(lease), cand.isPresent(), scopes(x, cand), l -> {
                releaseOtherLeases(x, l, scopes(x, cand));
                return ReplyBuilder.lease(x, MessageType.ACK, addr(l), seconds(l, x.now), scopes(x, cand));
            });
        });
    }

    /**
     * ISC {@code one-lease-per-client} (dhcp.c ack_lease, for DHCPREQUEST only): once the REQUEST's lease
     * is stored, the client's other active leases, in every address space of the configuration, are
     * released, as a DHCPRELEASE would (journaled with origin {@code one-lease-per-client}). With
     * {@code deny duplicates}, a client matched to a {@code host} by hardware address only also releases
     * the active leases of other client identifiers with its hardware address (ISC's duplicates check).
     */
    private void releaseOtherLeases(Exchange x, Lease kept, List<Params> scopes) {
        if (!ConfigView.flag(scopes, "one-lease-per-client").orElse(false)) {
            return;
        }
        Set<String> spaces = new TreeSet<>();
        spaces.add(kept.key().space());
        x.view.config().subnets().forEach(s -> s.pools().forEach(p -> spaces.add(p.space())));
        for (String space : spaces) {
            for (Lease other : store.leasesOfClient(space, x.client)) {
                releaseOther(x, kept, other, "one-lease-per-client");
            }
        }
        boolean duplicatesDenied = !ConfigView.flag(scopes, "duplicates").orElse(true);
        if (duplicatesDenied && x.host.isPresent() && x.host.get().clientId().isEmpty()) {
            // no index by hardware: a scan, paid only by host-declared clients where duplicates are denied
            HardwareAddress hw = x.request.hardwareAddress();
            store.stream().filter(l -> l.state() == LeaseState.ACTIVE && hw.equals(l.hardware())
                    && !x.client.equals(l.client())).toList().forEach(l -> releaseOther(x, kept, l, "deny-duplicates"));
        }
    }

    private void releaseOther(Exchange x, Lease kept, Lease other, String origin) {
        if (other.key().equals(kept.key()) || other.state() != LeaseState.ACTIVE) {
            return;
        }
        stats.count("release." + origin);
        store.commit(other.toBuilder().state(LeaseState.RELEASED).end(x.now).build(), origin)
                .whenComplete((l, t) -> {
                    if (t != null) {
                        warn.warn(origin, "{}: release of {} not stored: {}", x.label(), other.key(), String.valueOf(t));
                    } else {
                        allocation.changed(l);
                    }
                });
    }

    /**
     * The DHCP lease time for the candidate: negotiated, then ISC's {@code adaptive-lease-time-threshold}
     * (dhcp.c ack_lease): when the pool is at least that percent full (busy or abandoned), a lease no
     * longer than {@code min-lease-time} (ISC's default 300 s, at most max-lease-time), or than what is
     * left of the client's current lease if that is more.
     */
    private long leaseTime(Exchange x, Optional<Candidate> c) {
        List<Params> scopes = scopes(x, c);
        long t = untilPoolEnds(c, scopes, LeaseTimes.negotiate(scopes, requestedTime(x)), x.now);
        Optional<Long> threshold = ConfigView.number(scopes, "adaptive-lease-time-threshold").filter(v -> v > 0 && v < 100);
        if (c.isEmpty() || threshold.isEmpty() || t == Lease.NEVER) {
            return t;
        }
        var stat = allocation.allocator(x.view).poolStat(c.get().pool());
        if (stat.isEmpty() || stat.get().size() == 0
                || (stat.get().busy() + stat.get().abandoned()) * 100 / stat.get().size() < threshold.get()) {
            return t;
        }
        long max = ConfigView.number(scopes, "max-lease-time").orElse(LeaseTimes.ISC_MAX);
        long adaptive = ConfigView.number(scopes, "min-lease-time").orElse(Math.min(300L, max));
        Optional<Lease> current = store.get(c.get().key())
                .filter(l -> l.state() == LeaseState.ACTIVE && x.client.equals(l.client()));
        if (current.isPresent() && current.get().endEpochSecond() - x.now > adaptive) {
            adaptive = current.get().endEpochSecond() - x.now;
        }
        if (t > adaptive) {
            stats.count("lease.adaptive-time");
            return Math.max(adaptive, 1);
        }
        return t;
    }

    /**
     * ISC's {@code deny after T} in a pool (dhcp.c ack_lease): a lease from it ends by T, but lasts at
     * least {@code min-lease-time} when that is set, so a pool's clients move over within that window.
     */
    private static long untilPoolEnds(Optional<Candidate> c, List<Params> scopes, long t, long now) {
        OptionalLong until = c.isEmpty() ? OptionalLong.empty() : Permit.validUntil(c.get().pool().permits());
        if (until.isEmpty() || t != Lease.NEVER && now + t <= until.getAsLong()) {
            return t;
        }
        long capped = Math.max(1, until.getAsLong() - now);
        return Math.max(capped, ConfigView.number(scopes, "min-lease-time").orElse(0L));
    }

    /** BOOTREQUEST: a fixed host address, else an address of a {@code dynamic-bootp} range, leased forever. */
    void bootp(Exchange x) {
        Optional<Allocated> a = allocate(x, Optional.empty(), true);
        if (a.isEmpty()) {
            return;
        }
        Optional<Candidate> c = candidate(a.get());
        Optional<Long> fixed = c.isEmpty() ? Optional.of(Ipv4.toLong(a.get().address())) : Optional.empty();
        List<Params> scopes = scopes(x, c);
        if (refused(x, scopes, false, true)) {
            c.ifPresent(k -> allocation.recheck(k.key()));
            return;
        }
        Lease lease = candidateLease(x, fixed, c, LeaseTimes.bootp(scopes, x.now)).toBuilder().bootp(true).build();
        x.ctx.put(PipelineAttributes.LEASE, lease);
        parameters(x, c);
        hooks.run(HookPoint.LEASE_SELECT, x, v -> {
            if (v == Verdict.DROP || v == Verdict.SKIP) {
                c.ifPresent(k -> allocation.recheck(k.key()));
                return;
            }
            commit(x, x.ctx.get(PipelineAttributes.LEASE).orElse(lease), c.isPresent(), scopes,
                    l -> ReplyBuilder.bootReply(x, addr(l), scopes));
        });
    }

    /**
     * LEASE_COMMIT, then the scopes' {@code on commit} statements (ISC ack_lease: their {@code set}s land in
     * the lease before it is written), then the durable store (dynamic leases only), then the reply, and
     * only then the event's {@code execute} programs.
     */
    private void commit(Exchange x, Lease lease, boolean store, List<Params> scopes,
            Function<Lease, DhcpMessage> reply) {
        x.ctx.put(PipelineAttributes.LEASE, lease);
        hooks.run(HookPoint.LEASE_COMMIT, x, v -> {
            if (v == Verdict.DROP) {
                return;
            }
            if (v == Verdict.RESPOND) {
                x.ctx.reply().ifPresent(r -> out.respond(x, r));
                return;
            }
            Lease selected = x.ctx.get(PipelineAttributes.LEASE).orElse(lease);
            // a handler's SKIP keeps the lease out of the store: no commit, so no on-commit statements either
            EventActions.Outcome event = v == Verdict.SKIP ? new EventActions.Outcome(selected, List.of())
                    : EventActions.run(EventBlock.Event.COMMIT, scopes, selected,
                            new EventActions.Context(x.packetView(), x.host, !store, x.now, x.label()));
            Lease l = event.lease();
            offers.release(x.client).filter(k -> !k.equals(l.key())).ifPresent(allocation::recheck);
            if (v == Verdict.SKIP || !store) {
                out.respond(x, reply.apply(l));
                event.programs().forEach(programs::submit);
                return;
            }
            if (this.store.get(l.key()).filter(l::equals).isPresent()) {
                // the stored lease as it is (dhcp-cache-threshold, or a retransmitted REQUEST): nothing to
                // write, but the ACK still waits until what the table shows is durable
                stats.count("lease.unchanged");
                this.store.synced().whenComplete((v2, t) -> x.loop.execute(() -> {
                    if (t != null) {
                        stats.count("drop.commit-failed");
                        warn.warn("commit", "{}: lease {} not durable, no ACK: {}", x.label(), l.key(), String.valueOf(t));
                    } else {
                        out.respond(x, reply.apply(l));
                    }
                }));
                return;
            }
            this.store.commit(l).whenComplete((stored, t) -> x.loop.execute(() -> {
                if (t != null) {
                    stats.count("drop.commit-failed");
                    warn.warn("commit", "{}: lease {} not stored, no ACK: {}", x.label(), l.key(), String.valueOf(t));
                } else {
                    allocation.changed(stored);
                    out.respond(x, reply.apply(stored));
                    event.programs().forEach(programs::submit);
                }
            }));
        });
    }

    private void nakOrIgnore(Exchange x, boolean nak, String why) {
        if (nak) {
            LOG.debug("{}: NAK, {}", x.label(), why);
            out.respond(x, ReplyBuilder.nak(x, why));
        } else {
            stats.count("request.ignored");
        }
    }

    /** A fixed-address of the client's host declaration that lies on the client's link. */
    private static Optional<Long> fixedAddress(Exchange x) {
        return x.host.flatMap(h -> h.fixedAddresses().stream()
                .filter(a -> x.link.stream().anyMatch(s -> s.contains(a))).findFirst());
    }

    /** The client's parameters with the lease's pool, for the handlers of LEASE_SELECT and LEASE_COMMIT. */
    private void parameters(Exchange x, Optional<Candidate> c) {
        if (hooks.active()) {
            x.ctx.put(PipelineAttributes.PARAMETERS, new ScopeParameters(scopes(x, c)));
        }
    }

    private static List<Params> scopes(Exchange x, Optional<Candidate> c) {
        return x.scopes(c.map(Candidate::subnet).or(() -> x.subnet), c.map(Candidate::pool));
    }

    private static Optional<Long> requestedTime(Exchange x) {
        return x.request.options().uint32Long(51);
    }

    /**
     * The lease this exchange would grant. A renewal (the same client's active binding of the address)
     * keeps the binding's lease variables, as ISC dhcpd keeps its {@code set} variables: capabilities
     * record there what they did for the binding (DNS names registered, failover's acknowledged times).
     */
    /**
     * ISC {@code dhcp-cache-threshold} (dhcp.c reuse_lease): when the client's active lease at the
     * candidate's address is younger than that percent of its length and nothing else about it would
     * change, the stored lease is answered as it is: its own end (the ACK carries the time left) and no
     * journal write, so a burst of renewals costs no fsync. Off unless set (1-99): ISC's compiled-in
     * default is 25, Leasehold's is Kea's (off), so that every renewal is journaled and reaches a
     * failover partner unless the operator asks otherwise.
     */
    private Lease reuseYoungLease(Lease candidate, List<Params> scopes, boolean pooled, long now) {
        long threshold = ConfigView.number(scopes, "dhcp-cache-threshold").filter(t -> t > 0 && t < 100).orElse(0L);
        if (threshold == 0 || !pooled) {
            return candidate;
        }
        Optional<Lease> current = store.get(candidate.key());
        if (current.isEmpty() || current.get().state() != LeaseState.ACTIVE || current.get().endEpochSecond() == Lease.NEVER) {
            return candidate;
        }
        Lease l = current.get();
        long length = l.endEpochSecond() - l.startEpochSecond();
        if (now - l.startEpochSecond() > length / 100.0 * threshold) {
            return candidate;
        }
        // a renewal unicast past the relay carries no option 82: that alone changes nothing worth a write
        Lease same = candidate.toBuilder().start(l.startEpochSecond()).end(l.endEpochSecond())
                .relayAgentInfo(candidate.relayAgentInfo() == null ? l.relayAgentInfo() : candidate.relayAgentInfo())
                .build();
        return same.equals(l) ? l : candidate;
    }

    private Lease candidateLease(Exchange x, Optional<Long> fixed, Optional<Candidate> c, long seconds) {
        LeaseKey key = c.map(Candidate::key).orElseGet(() -> new LeaseKey("", Ipv4.of(fixed.orElseThrow())));
        String subnet = c.map(k -> k.subnet().id()).or(() -> x.subnet.map(s -> s.id())).orElse("");
        Optional<Lease> stored = store.get(key).filter(l -> x.client.equals(l.client()));
        Map<String, String> kept = stored.filter(l -> l.state() == LeaseState.ACTIVE)
                .map(Lease::variables).orElse(Map.of());
        if (LeaseUsage.reserved(stored) && !kept.containsKey(LeaseUsage.RESERVED)
                || ConfigView.flag(scopes(x, c), "infinite-is-reserved").orElse(false)
                && requestedTime(x).filter(t -> t == 0xffffffffL).isPresent()) {
            // ISC infinite-is-reserved (dhcp.c ack_lease): a client asking for an infinite lease reserves
            // the address for itself; the mark stays with the address through release and expiry
            Map<String, String> withMark = new java.util.LinkedHashMap<>(kept);
            withMark.put(LeaseUsage.RESERVED, "infinite");
            kept = withMark;
        }
        return Lease.builder(key).state(LeaseState.ACTIVE).client(x.client).hardware(x.request.hardwareAddress())
                .start(x.now).end(LeaseTimes.end(x.now, seconds)).subnet(subnet)
                .pool(c.map(k -> k.pool().id()).orElse(""))
                .hostname(x.request.options().text(12).orElse(""))
                .relayAgentInfo(x.request.options().bytes(82).orElse(null))
                .classes(x.classes).variables(kept).build();
    }

    static long addr(Lease l) {
        return Ipv4.toLong(l.key().address());
    }

    private static long seconds(Lease l, long now) {
        return l.endEpochSecond() == Lease.NEVER ? Lease.NEVER : Math.max(1, l.endEpochSecond() - now);
    }
}
