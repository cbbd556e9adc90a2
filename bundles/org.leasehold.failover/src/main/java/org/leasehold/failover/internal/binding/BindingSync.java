package org.leasehold.failover.internal.binding;

import java.net.Inet4Address;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.failover.internal.wire.Binding;
import org.leasehold.failover.internal.wire.FailoverMessage;
import org.leasehold.failover.internal.wire.MessageType;
import org.leasehold.failover.internal.wire.Messages;
import org.leasehold.failover.internal.wire.OptionCode;
import org.leasehold.failover.internal.wire.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binding updates of one relationship, both ways. Outgoing: every lease change of the relationship's
 * pools is queued (once per address), sent as a BNDUPD while fewer than the partner's
 * max-unacked-updates are in flight, and marked acknowledged (lease variable {@value #ACKED}) when
 * the BNDACK comes; UPDREQ/UPDREQALL queue the unacknowledged or all leases and end with UPDDONE.
 * Incoming: a partner's BNDUPD is stored with {@link LeaseStore#update} (origin
 * {@value LeaseBindings#ORIGIN}) and acknowledged once durable. Nothing here waits: the store's
 * completions come back to the relationship's loop. Not thread-safe: every method runs on that loop.
 */
public final class BindingSync {

    /** Lease variable: the binding the partner last acknowledged, as {@link #fingerprint}. */
    public static final String ACKED = "failover-acked";

    private static final Logger LOG = LoggerFactory.getLogger(BindingSync.class);

    /** What the sync needs of its relationship. */
    public interface Link {
        boolean connected();

        long nextXid();

        long now();

        void send(FailoverMessage m);
    }

    private final String name;
    private final LeaseStore store;
    private final Executor loop;
    private final Link link;
    private final Set<LeaseKey> queue = new LinkedHashSet<>();
    private final Map<Long, Sent> inFlight = new LinkedHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder doneSent = new LongAdder();
    /** The longest a BNDACK took to come back, since start (written on the loop, read anywhere). */
    private volatile long maxAckNanos;
    private volatile List<PoolInfo> pools = List.of();
    private int maxUnacked = 1;
    private Long updDoneXid;

    private record Sent(LeaseKey key, String fingerprint, long potentialExpiry, LeaseState state, long sentNanos) {
    }

    /**
     * Decides, on the primary, whether an address the partner has just agreed is free goes straight to
     * the secondary's pool (BACKUP) instead: ISC dhcpd's lease affinity. Called with the lease as it
     * was before it became free (its client still named), from the store's thread: thread-safe.
     */
    public interface Affinity {
        Affinity NONE = expired -> false;

        boolean toBackup(Lease expired);
    }

    private volatile Affinity affinity = Affinity.NONE;

    public BindingSync(String name, LeaseStore store, Executor loop, Link link) {
        this.name = name;
        this.store = store;
        this.loop = loop;
        this.link = link;
    }

    /** The lease affinity rule in force; safe from any thread. */
    public void affinity(Affinity rule) {
        affinity = rule;
    }

    /** The pools this relationship shares; safe from any thread. */
    public void pools(List<PoolInfo> shared) {
        pools = List.copyOf(shared);
    }

    public List<PoolInfo> pools() {
        return pools;
    }

    public Optional<PoolInfo> poolOf(String space, Inet4Address a) {
        return pools.stream().filter(p -> p.space().equals(space) && p.contains(a)).findFirst();
    }

    public boolean covers(Lease l) {
        return pools.stream().anyMatch(p -> p.id().equals(l.pool()) || p.space().equals(l.key().space())
                && p.contains(l.key().address()));
    }

    public void partnerMaxUnacked(int n) {
        maxUnacked = Math.max(1, n);
    }

    public int unacked() {
        return inFlight.size();
    }

    public int queued() {
        return queue.size();
    }

    public long sent() {
        return sent.sum();
    }

    public long acknowledged() {
        return acked.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    /** UPDREQ and UPDREQALL the partner sent us, since start. */
    public long updateRequestsReceived() {
        return requestsReceived.sum();
    }

    /** UPDDONE we sent, each ending the answer to one update request, since start. */
    public long updateDoneSent() {
        return doneSent.sum();
    }

    public long received() {
        return received.sum();
    }

    /** The longest time a binding update waited for its BNDACK, in milliseconds (a resend counts from the resend). */
    public long maxAckMillis() {
        return maxAckNanos / 1_000_000;
    }

    /** A lease of ours changed: the partner must hear of it. */
    public void changed(LeaseKey key) {
        queue.add(key);
        pump();
    }

    /** Send what the window allows. */
    public void pump() {
        while (link.connected() && inFlight.size() < maxUnacked && !queue.isEmpty()) {
            LeaseKey key = queue.iterator().next();
            queue.remove(key);
            Optional<Lease> lease = store.get(key);
            if (lease.isEmpty()) {
                continue;
            }
            long xid = link.nextXid();
            Binding b = LeaseBindings.toBinding(lease.get());
            inFlight.put(xid, new Sent(key, fingerprint(b), b.potentialExpiry(), lease.get().state(),
                    System.nanoTime()));
            sent.increment();
            link.send(b.toMessage(link.now(), xid));
        }
        if (updDoneXid != null && queue.isEmpty() && inFlight.isEmpty() && link.connected()) {
            link.send(Messages.bare(MessageType.UPDDONE, link.now(), updDoneXid));
            LOG.info("failover peer {}: sent update done", name);
            doneSent.increment();
            updDoneXid = null;
        }
    }

    /** The partner acknowledged (or rejected) the update {@code m.xid()}. */
    public void acked(FailoverMessage m) {
        Sent s = inFlight.remove(m.xid());
        if (s != null) {
            maxAckNanos = Math.max(maxAckNanos, System.nanoTime() - s.sentNanos());
        }
        if (s == null) {
            LOG.debug("failover peer {}: BNDACK for unknown xid {}", name, m.xid());
        } else if (m.has(OptionCode.REJECT_REASON)) {
            rejected.increment();
            LOG.warn("failover peer {}: binding update of {} rejected: {}", name, s.key(),
                    m.option(OptionCode.MESSAGE).map(o -> o.text()).orElse(
                            new RejectReason(m.number(OptionCode.REJECT_REASON).orElse(0L).intValue()).toString()));
        } else {
            acked.increment();
            long pot = m.number(OptionCode.POTENTIAL_EXPIRY).orElse(s.potentialExpiry());
            Affinity rule = affinity;
            store.update(s.key(), cur -> cur.map(l -> afterAck(l, s, pot, rule)), LeaseBindings.ORIGIN)
                    .thenAccept(after -> after.filter(l -> l.state() == LeaseState.BACKUP && s.state() != LeaseState.BACKUP)
                            .ifPresent(l -> loop.execute(() -> changed(l.key()))));
        }
        pump();
    }

    /**
     * The lease once the partner acknowledged {@code s}: the acknowledged potential expiry (TSFP) and
     * fingerprint recorded; an EXPIRED, RELEASED or RESET lease becomes FREE, as in ISC (both servers
     * now agree the address is free, and it is the primary's again), or BACKUP when the affinity rule
     * gives it to the secondary (then left unacknowledged, so that the partner hears of it next).
     */
    private static Lease afterAck(Lease l, Sent s, long potentialExpiry, Affinity rule) {
        Lease.Builder b = l.toBuilder().variable(LeaseBindings.TSFP, Long.toString(potentialExpiry));
        LeaseState st = l.state();
        if (st == s.state() && (st == LeaseState.EXPIRED || st == LeaseState.RELEASED || st == LeaseState.RESET)) {
            b.state(LeaseState.FREE);
            Lease freed = b.build();
            String agreed = fingerprint(LeaseBindings.toBinding(freed));
            if (rule.toBackup(l)) {
                return freed.toBuilder().state(LeaseState.BACKUP).variable(ACKED, agreed).build();
            }
            return freed.withVariable(ACKED, agreed);
        }
        return b.variable(ACKED, s.fingerprint()).build();
    }

    /** The link went down or the state changed: what was in flight goes out again. */
    public void rescind() {
        if (inFlight.isEmpty()) {
            return;
        }
        Set<LeaseKey> again = new LinkedHashSet<>();
        inFlight.values().forEach(s -> again.add(s.key()));
        again.addAll(queue);
        queue.clear();
        queue.addAll(again);
        inFlight.clear();
    }

    /** UPDREQ (all false: what the partner has not acknowledged) or UPDREQALL. */
    public void updateRequest(boolean all, long xid) {
        requestsReceived.increment();
        queueLeases(all);
        updDoneXid = xid;
        LOG.info("failover peer {}: update request{} from partner: {} binding(s) to send", name, all ? " all" : "",
                queue.size() + inFlight.size());
        pump();
    }

    /** Queue every lease of the shared pools the partner has not acknowledged (entering NORMAL). */
    public void queueUnacknowledged() {
        queueLeases(false);
        pump();
    }

    private void queueLeases(boolean all) {
        Deque<LeaseKey> add = new ArrayDeque<>();
        for (Lease l : store.all()) {
            if (covers(l) && (all || !fingerprint(LeaseBindings.toBinding(l)).equals(l.variable(ACKED).orElse("")))) {
                add.add(l.key());
            }
        }
        queue.addAll(add);
    }

    /**
     * The primary evens out the free pools: every planned address becomes BACKUP here (durably) and
     * is then sent to the partner. Returns how many addresses are moved.
     */
    public int rebalance() {
        int moved = 0;
        for (PoolInfo pool : pools) {
            List<LeaseKey> plan = PoolBalance.plan(store, pool);
            PoolBalance.Count c = PoolBalance.count(store, pool);
            LOG.info("failover peer {}: balancing pool {}: total {} free {} backup {}, giving {} to the secondary",
                    name, pool.id(), c.total(), c.free(), c.backup(), plan.size());
            for (LeaseKey key : plan) {
                store.update(key, cur -> PoolBalance.toBackup(cur, key, pool, link.now()), LeaseBindings.ORIGIN)
                        .thenAcceptAsync(stored -> stored.ifPresent(l -> changed(key)), loop);
            }
            moved += plan.size();
        }
        return moved;
    }

    /**
     * The scheduled balance check (every min-balance seconds in NORMAL, as ISC bounds its own): the
     * primary balances the pools whose misbalance passed max-lease-misbalance; the secondary asks
     * for addresses (POOLREQ) when it is short by twice that. Returns what it did, for the log.
     */
    public String balanceCheck(boolean primary, int misbalancePercent) {
        boolean over = false;
        boolean shortOf = false;
        for (PoolInfo pool : pools) {
            PoolBalance.Count c = PoolBalance.count(store, pool);
            over |= c.primaryOverThreshold(misbalancePercent);
            shortOf |= c.secondaryShort(misbalancePercent);
        }
        if (primary && over) {
            return "rebalanced " + rebalance();
        }
        if (!primary && shortOf && link.connected()) {
            link.send(Messages.bare(MessageType.POOLREQ, link.now(), link.nextXid()));
            LOG.info("failover peer {}: short of backup addresses; sent POOLREQ", name);
            return "poolreq";
        }
        return "balanced";
    }

    /** A partner's BNDUPD: store it, then acknowledge. */
    public void received(FailoverMessage m) {
        received.increment();
        Binding b;
        try {
            b = Binding.from(m);
        } catch (DecodeException e) {
            reject(m, null, RejectReason.MISSING_BINDINFO, "binding update lacks required options");
            return;
        }
        if (!b.status().known()) {
            reject(m, b, RejectReason.MISC_REJECT, "unknown binding status " + b.status().code());
            return;
        }
        Optional<PoolInfo> pool = pools.stream().filter(p -> p.contains(b.address())).findFirst();
        if (pool.isEmpty()) {
            reject(m, b, RejectReason.ILLEGAL_IP_ADDR, "IP address is not in a pool of this relationship");
            return;
        }
        LeaseKey key = new LeaseKey(pool.get().space(), b.address());
        queue.remove(key);
        store.update(key, cur -> Optional.of(acknowledgedCopy(LeaseBindings.toLease(b, pool.get(), cur))),
                LeaseBindings.ORIGIN).whenCompleteAsync((stored, failure) -> {
                    if (failure != null) {
                        LOG.warn("failover peer {}: cannot store the binding of {}: {}", name, key, failure.toString());
                        reject(m, b, RejectReason.MISC_REJECT, "database update failed");
                    } else if (link.connected()) {
                        link.send(Messages.bindAck(link.now(), m.xid(), b.address(), null, null));
                    }
                }, loop);
    }

    /** What the partner told us it knows already: no need to send it back. */
    private static Lease acknowledgedCopy(Lease l) {
        return l.withVariable(ACKED, fingerprint(LeaseBindings.toBinding(l)));
    }

    private void reject(FailoverMessage m, Binding b, RejectReason reason, String message) {
        LOG.warn("failover peer {}: rejecting binding update {}: {}", name, b == null ? m : b, message);
        if (link.connected() && b != null) {
            link.send(Messages.bindAck(link.now(), m.xid(), b.address(), reason, message));
        }
    }

    /** What identifies the binding the partner knows: status, client and times. */
    static String fingerprint(Binding b) {
        return b.status().code() + ":" + java.util.HexFormat.of().formatHex(b.clientId() == null ? new byte[0]
                : b.clientId()) + ":" + java.util.HexFormat.of().formatHex(b.chaddr() == null ? new byte[0]
                : b.chaddr()) + ":" + b.expiry() + ":" + b.stos();
    }
}
