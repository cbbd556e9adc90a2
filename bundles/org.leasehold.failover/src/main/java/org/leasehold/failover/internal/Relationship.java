package org.leasehold.failover.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.failover.internal.binding.BindingSync;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.config.PeerConfig;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.link.LinkListener;
import org.leasehold.failover.internal.link.Transport;
import org.leasehold.failover.internal.serve.LeaseAffinity;
import org.leasehold.failover.internal.serve.ServiceView;
import org.leasehold.failover.internal.state.MachineEnv;
import org.leasehold.failover.internal.state.Persisted;
import org.leasehold.failover.internal.state.StateJournal;
import org.leasehold.failover.internal.state.StateMachine;
import org.leasehold.failover.internal.wire.FailoverMessage;
import org.leasehold.failover.internal.wire.FailoverOption;
import org.leasehold.failover.internal.wire.MessageType;
import org.leasehold.failover.internal.wire.Messages;
import org.leasehold.failover.internal.wire.OptionCode;
import org.leasehold.failover.internal.wire.RejectReason;
import org.leasehold.failover.internal.wire.ServerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One failover relationship: its listener and connections to the partner, the CONNECT/CONNECTACK
 * handshake, keep-alive (a CONTACT when nothing was sent for a third of the partner's
 * max-response-delay; the link is cut when the partner is silent for our max-response-delay), the
 * {@link StateMachine} with its journal, and the binding updates. Everything runs on one event loop
 * of the bundle's {@link Transport}; {@link #status()} reads a volatile snapshot from any thread.
 */
final class Relationship implements LinkListener, MachineEnv, BindingSync.Link {

    /** Largest clock difference a CONNECT or CONNECTACK may show (ISC: 60 s). */
    static final long MAX_SKEW = 60;
    private static final long RECONNECT_SECONDS = 5;
    private static final long LINK_STARTUP_SECONDS = 15;
    private static final Logger LOG = LoggerFactory.getLogger(Relationship.class);

    private final PeerConfig cfg;
    private final EventLoop loop;
    private final Transport transport;
    private final StateJournal journal;
    private final LongSupplier clock;
    private final BindingSync bindings;
    private final LeaseStore store;
    private final Map<MachineEnv.Timer, ScheduledFuture<?>> timers = new EnumMap<>(MachineEnv.Timer.class);
    private final Set<Channel> candidates = new HashSet<>();
    private StateMachine machine;
    private Channel listener;
    private Channel link;
    private ScheduledFuture<?> contact;
    private ScheduledFuture<?> silence;
    private ScheduledFuture<?> reconnect;
    private long xid = 1;
    private long updateRequestsSent;
    private long updateRequestsAllSent;
    private long updateDoneReceived;
    private int partnerMaxResponseDelay;
    private Hba hba;
    private long skew;
    private boolean closed;
    private volatile Status status;
    private volatile ServiceView view;
    private final Runnable onChange;

    /** What {@code dhcp:failover-status} and {@code dhcp:status} show. Immutable. */
    record Status(String name, Role role, ServerState state, long stos, ServerState partner, long partnerStos,
            boolean connected, long skew, int unacked, int queued, long sent, long acked, long received, long mclt,
            Hba hba, long maxAckMillis, UpdateRequests requests) {
    }

    /**
     * The update requests of the relationship since start: UPDREQ and UPDREQALL we sent (at a state
     * change or on an operator's request) and the UPDDONE that answered them; the partner's requests
     * and the UPDDONE that ended our answers. Immutable.
     */
    record UpdateRequests(long sent, long allSent, long doneReceived, long received, long doneSent) {
    }

    Relationship(PeerConfig cfg, Transport transport, LeaseStore store, StateJournal journal, LongSupplier clock,
            Runnable onChange) {
        this.cfg = cfg;
        this.onChange = onChange;
        this.loop = transport.loop();
        this.transport = transport;
        this.journal = journal;
        this.clock = clock;
        this.hba = cfg.hba();
        this.partnerMaxResponseDelay = cfg.maxResponseDelay();
        this.store = store;
        this.bindings = new BindingSync(cfg.name(), store, loop, this);
    }

    PeerConfig config() {
        return cfg;
    }

    /** Switches ISC's lease affinity (expired addresses of the secondary's clients go to BACKUP) on or off. */
    void leaseAffinity(boolean on) {
        bindings.affinity(on ? new LeaseAffinity(this::view, store, bindings, cfg.maxLeaseOwnership(),
                System::currentTimeMillis) : BindingSync.Affinity.NONE);
    }

    BindingSync bindings() {
        return bindings;
    }

    EventLoop loop() {
        return loop;
    }

    Status status() {
        return status;
    }

    /** What the packet path reads; null until the relationship started. */
    ServiceView view() {
        return view;
    }

    void pools(List<PoolInfo> pools) {
        bindings.pools(pools);
    }

    /** Reads the journal, enters STARTUP, listens and connects. Fails when the journal is unreadable. */
    CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                Persisted p = journal.read().orElseGet(() -> Persisted.initial(clock.getAsLong(), cfg.mclt()));
                if (cfg.role() == Role.PRIMARY) {
                    p = new Persisted(p.myState(), p.myStos(), p.partnerState(), p.partnerStos(), cfg.mclt());
                }
                machine = new StateMachine(cfg.name(), cfg.role(), p, cfg.autoPartnerDown(), this, clock);
                machine.start();
                listen().addListener(f -> {
                    // a port in use is retried; the relationship runs either way
                    connect();
                    done.complete(null);
                });
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private io.netty.channel.ChannelFuture listen() {
        InetSocketAddress at = cfg.address() == null ? new InetSocketAddress(cfg.port())
                : new InetSocketAddress(cfg.address(), cfg.port());
        return transport.listen(loop, at, this, cfg.name()).addListener(f -> {
            if (f.isSuccess()) {
                listener = ((io.netty.channel.ChannelFuture) f).channel();
                LOG.info("failover peer {}: listening on {}", cfg.name(), at);
            } else if (!closed) {
                LOG.error("failover peer {}: cannot listen on {}: {}; retrying in 90 s", cfg.name(), at,
                        String.valueOf(f.cause()));
                loop.schedule(this::listen, 90, TimeUnit.SECONDS);
            }
        });
    }

    private void connect() {
        reconnect = null;
        if (closed || link != null) {
            return;
        }
        InetSocketAddress local = cfg.address() == null ? null : new InetSocketAddress(cfg.address(), 0);
        transport.connect(loop, local, new InetSocketAddress(cfg.peerAddress(), cfg.peerPort()), this, cfg.name())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        LOG.debug("failover peer {}: connect failed: {}", cfg.name(), String.valueOf(f.cause()));
                        scheduleReconnect();
                    }
                });
    }

    private void scheduleReconnect() {
        if (!closed && link == null && reconnect == null) {
            reconnect = loop.schedule(this::connect, RECONNECT_SECONDS, TimeUnit.SECONDS);
        }
    }

    // ---- LinkListener: connections

    @Override
    public void opened(Channel ch) {
        if (closed) {
            ch.close();
            return;
        }
        if (!(ch.remoteAddress() instanceof InetSocketAddress remote) || !remote.getAddress().equals(cfg.peerAddress())) {
            LOG.warn("failover peer {}: connection from {} is not the partner; closing", cfg.name(), ch.remoteAddress());
            ch.close();
            return;
        }
        candidates.add(ch);
        if (cfg.role() == Role.PRIMARY) {
            send(ch, Messages.connect(now(), nextXid(), cfg.name(), cfg.maxUnackedUpdates(), cfg.maxResponseDelay(),
                    (int) machine.mclt(), hba));
        }
        loop.schedule(() -> {
            if (candidates.remove(ch)) {
                LOG.info("failover peer {}: link startup timeout on {}", cfg.name(), ch.remoteAddress());
                ch.close();
            }
        }, LINK_STARTUP_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void closed(Channel ch) {
        candidates.remove(ch);
        if (ch == link) {
            link = null;
            cancelKeepAlive();
            LOG.info("failover peer {}: disconnected", cfg.name());
            bindings.rescind();
            if (!closed) {
                // our own stop is no news for the state machine: the journal keeps the state we stopped in
                machine.linkLost();
            }
            publish();
        }
        scheduleReconnect();
    }

    @Override
    public void malformed(Channel ch, DecodeException e) {
        // FrameHandler logged it and resets the connection; closed() follows
    }

    @Override
    public void received(Channel ch, FailoverMessage m) {
        if (closed) {
            return;
        }
        skew = m.time() - now();
        if (ch == link) {
            armSilence();
        }
        MessageType t = m.type();
        if (t.equals(MessageType.CONNECT)) {
            onConnect(ch, m);
        } else if (t.equals(MessageType.CONNECTACK)) {
            onConnectAck(ch, m);
        } else if (t.equals(MessageType.DISCONNECT)) {
            LOG.warn("failover peer {}: DISCONNECT from partner: {}", cfg.name(), rejection(m));
            ch.close();
        } else if (ch != link) {
            protocolError(ch, t + " before the connection handshake");
        } else {
            onLinkMessage(m);
        }
        publish();
    }

    private void onLinkMessage(FailoverMessage m) {
        MessageType t = m.type();
        if (t.equals(MessageType.STATE)) {
            long flags = m.number(OptionCode.SERVER_FLAGS).orElse(0L);
            machine.partnerState(ServerState.valueOf(m.number(OptionCode.SERVER_STATE).orElse(0L).intValue()),
                    (flags & Messages.FLAG_STARTUP) != 0);
        } else if (t.equals(MessageType.CONTACT)) {
            LOG.trace("failover peer {}: contact", cfg.name());
        } else if (t.equals(MessageType.BNDUPD)) {
            bindings.received(m);
        } else if (t.equals(MessageType.BNDACK)) {
            bindings.acked(m);
        } else if (t.equals(MessageType.UPDREQ) || t.equals(MessageType.UPDREQALL)) {
            bindings.updateRequest(t.equals(MessageType.UPDREQALL), m.xid());
        } else if (t.equals(MessageType.UPDDONE)) {
            updateDoneReceived++;
            machine.updateDone();
        } else if (t.equals(MessageType.POOLREQ)) {
            int moved = cfg.role() == Role.PRIMARY && machine.state().equals(ServerState.NORMAL) ? bindings.rebalance() : 0;
            send(link, Messages.poolResp(now(), m.xid(), moved));
        } else if (t.equals(MessageType.POOLRESP)) {
            LOG.info("failover peer {}: pool response: {} leases", cfg.name(),
                    m.number(OptionCode.ADDRESSES_TRANSFERRED).orElse(0L));
        } else {
            protocolError(link, "unknown message type " + t);
        }
    }

    private void onConnect(Channel ch, FailoverMessage m) {
        String name = m.option(OptionCode.RELATIONSHIP_NAME).map(FailoverOption::text).orElse(null);
        RejectReason reason = null;
        String why = null;
        if (name == null) {
            reason = RejectReason.INVALID_PARTNER;
            why = "missing relationship-name";
        } else if (!name.equals(cfg.name())) {
            reason = RejectReason.INVALID_PARTNER;
            why = "unknown failover relationship name";
        } else if (cfg.role() == Role.PRIMARY) {
            reason = RejectReason.INVALID_PARTNER;
            why = "both servers are primary";
        } else if (Math.abs(m.time() - now()) > MAX_SKEW) {
            reason = RejectReason.TIME_MISMATCH;
            why = "time offset too large";
        } else if (m.option(OptionCode.HBA).map(FailoverOption::length).orElse(0) != Hba.BYTES) {
            reason = RejectReason.HBA_CONFLICT;
            why = "invalid HBA";
        } else if (link != null) {
            reason = RejectReason.DUP_CONNECTION;
            why = "already connected";
        } else if (!m.has(OptionCode.MCLT)) {
            reason = RejectReason.INVALID_MCLT;
            why = "no MCLT provided";
        }
        boolean tls = m.has(OptionCode.TLS_REQUEST);
        if (reason != null) {
            LOG.warn("failover peer {}: CONNECT from {} refused: {}", cfg.name(), ch.remoteAddress(), why);
            send(ch, Messages.connectAck(now(), m.xid(), name, 0, 0, tls, reason, why));
            ch.close();
            return;
        }
        hba = Hba.of(m.option(OptionCode.HBA).orElseThrow().value());
        machine.mclt(m.number(OptionCode.MCLT).orElseThrow());
        send(ch, Messages.connectAck(now(), m.xid(), cfg.name(), cfg.maxUnackedUpdates(), cfg.maxResponseDelay(), tls,
                null, null));
        established(ch, m);
    }

    private void onConnectAck(Channel ch, FailoverMessage m) {
        String name = m.option(OptionCode.RELATIONSHIP_NAME).map(FailoverOption::text).orElse(null);
        if (m.has(OptionCode.REJECT_REASON)) {
            LOG.warn("failover peer {}: CONNECT to {} rejected: {}", cfg.name(), ch.remoteAddress(), rejection(m));
            ch.close();
            return;
        }
        String why = null;
        RejectReason reason = RejectReason.INVALID_PARTNER;
        if (cfg.role() != Role.PRIMARY) {
            why = "CONNECTACK to a secondary";
        } else if (name == null) {
            why = "missing relationship-name";
        } else if (!name.equals(cfg.name())) {
            why = "remote failover relationship name " + name + " does not match";
        } else if (link != null) {
            why = "already connected";
            reason = RejectReason.DUP_CONNECTION;
        } else if (Math.abs(m.time() - now()) > MAX_SKEW) {
            why = "time offset too large";
            reason = RejectReason.TIME_MISMATCH;
        }
        if (why != null) {
            LOG.warn("failover peer {}: CONNECTACK from {}: {}", cfg.name(), ch.remoteAddress(), why);
            send(ch, Messages.disconnect(now(), nextXid(), reason, why));
            ch.close();
            return;
        }
        established(ch, m);
    }

    private void established(Channel ch, FailoverMessage m) {
        candidates.remove(ch);
        link = ch;
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
        bindings.partnerMaxUnacked(m.number(OptionCode.MAX_UNACKED).orElse(1L).intValue());
        partnerMaxResponseDelay = m.number(OptionCode.RECEIVE_TIMER).orElse((long) cfg.maxResponseDelay()).intValue();
        LOG.info("failover peer {}: connected to {} (partner {}, clock skew {} s)", cfg.name(), ch.remoteAddress(),
                m.option(OptionCode.VENDOR_CLASS).map(FailoverOption::text).orElse("?"), skew);
        for (Channel other : Set.copyOf(candidates)) {
            other.close();
        }
        machine.sendState();
        armSilence();
        bindings.pump();
    }

    private void protocolError(Channel ch, String why) {
        LOG.warn("failover peer {}: protocol error from {}: {}; resetting the connection", cfg.name(),
                ch.remoteAddress(), why);
        ch.config().setOption(ChannelOption.SO_LINGER, 0);
        ch.close();
    }

    private static String rejection(FailoverMessage m) {
        return m.option(OptionCode.MESSAGE).map(FailoverOption::text).orElseGet(() ->
                new RejectReason(m.number(OptionCode.REJECT_REASON).orElse(0L).intValue()).toString());
    }

    // ---- sending and keep-alive

    private void send(Channel ch, FailoverMessage m) {
        Transport.send(ch, m);
        if (ch == link) {
            armContact();
        }
    }

    private void armContact() {
        if (contact != null) {
            contact.cancel(false);
        }
        long every = Math.max(1, partnerMaxResponseDelay / 3);
        contact = loop.schedule(() -> {
            if (link != null) {
                send(link, Messages.bare(MessageType.CONTACT, now(), nextXid()));
            }
        }, every, TimeUnit.SECONDS);
    }

    private void armSilence() {
        if (silence != null) {
            silence.cancel(false);
        }
        Channel watched = link;
        silence = loop.schedule(() -> {
            if (link == watched && watched != null) {
                LOG.error("failover peer {}: timeout waiting for the partner ({} s of silence)", cfg.name(),
                        cfg.maxResponseDelay());
                watched.close();
            }
        }, cfg.maxResponseDelay(), TimeUnit.SECONDS);
    }

    private void cancelKeepAlive() {
        if (contact != null) {
            contact.cancel(false);
        }
        if (silence != null) {
            silence.cancel(false);
        }
    }

    // ---- BindingSync.Link

    @Override
    public boolean connected() {
        return link != null;
    }

    @Override
    public long nextXid() {
        long x = xid++;
        if (xid > 0xFFFFFFFFL) {
            xid = 1;
        }
        return x;
    }

    @Override
    public long now() {
        return clock.getAsLong();
    }

    @Override
    public void send(FailoverMessage m) {
        if (link != null) {
            send(link, m);
        }
    }

    // ---- MachineEnv

    @Override
    public void sendState(ServerState state, boolean startup, long stos) {
        send(Messages.state(now(), nextXid(), state, startup, stos));
    }

    @Override
    public void sendUpdateRequest() {
        if (link != null) {
            updateRequestsSent++;
        }
        send(Messages.bare(MessageType.UPDREQ, now(), nextXid()));
        LOG.info("failover peer {}: sent update request", cfg.name());
    }

    @Override
    public void sendUpdateRequestAll() {
        if (link != null) {
            updateRequestsAllSent++;
        }
        send(Messages.bare(MessageType.UPDREQALL, now(), nextXid()));
        LOG.info("failover peer {}: sent update request all", cfg.name());
    }

    @Override
    public void sendPendingUpdates() {
        bindings.queueUnacknowledged();
    }

    @Override
    public void rescindUpdates() {
        bindings.rescind();
    }

    @Override
    public boolean journal(Persisted state) {
        try {
            journal.write(state);
            return true;
        } catch (IOException e) {
            LOG.error("failover peer {}: cannot write {}: {}", cfg.name(), journal.file(), e.toString());
            return false;
        }
    }

    @Override
    public void schedule(MachineEnv.Timer timer, long atEpochSecond) {
        cancel(timer);
        long delay = Math.max(0, atEpochSecond - now());
        timers.put(timer, loop.schedule(() -> fire(timer), delay, TimeUnit.SECONDS));
    }

    private void fire(MachineEnv.Timer timer) {
        timers.remove(timer);
        if (closed) {
            return;
        }
        switch (timer) {
            case STARTUP -> machine.startupTimeout();
            case RECOVER_DONE -> machine.recoverDone();
            case AUTO_PARTNER_DOWN -> machine.autoPartnerDown();
            default -> throw new IllegalStateException(timer.name());
        }
        publish();
    }

    @Override
    public void cancel(MachineEnv.Timer timer) {
        ScheduledFuture<?> f = timers.remove(timer);
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void moved(ServerState from, ServerState to) {
        publish();
        if (to.equals(ServerState.NORMAL) && cfg.role() == Role.PRIMARY) {
            bindings.rebalance();
        }
        if (to.equals(ServerState.NORMAL)) {
            scheduleBalanceCheck();
        }
        if (to.equals(ServerState.PARTNER_DOWN)) {
            // the partner's free addresses become ours once MCLT has passed: the allocator must look again
            long at = machine.stos() + machine.mclt();
            loop.schedule(onChange, Math.max(0, at - now()) + 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void partnerMoved(ServerState from, ServerState to) {
        publish();
    }

    /** While NORMAL, a balance check every min-balance seconds (ISC's lower bound between balancings). */
    private void scheduleBalanceCheck() {
        loop.schedule(() -> {
            if (!closed && machine.state().equals(ServerState.NORMAL)) {
                String did = bindings.balanceCheck(cfg.role() == Role.PRIMARY, cfg.maxLeaseMisbalance());
                LOG.debug("failover peer {}: balance check: {}", cfg.name(), did);
                scheduleBalanceCheck();
            }
        }, Math.max(1, cfg.minBalance()), TimeUnit.SECONDS);
    }

    // ---- operator actions and shutdown

    /** {@code dhcp:failover-partner-down}; completes with whether the state changed. */
    CompletableFuture<Boolean> partnerDown() {
        CompletableFuture<Boolean> r = new CompletableFuture<>();
        loop.execute(() -> {
            boolean moved = machine.partnerDown();
            publish();
            r.complete(moved);
        });
        return r;
    }

    /**
     * The Server Manager's {@code update}: asks the connected partner for its binding updates (all of
     * them or those not yet sent) and queues again ours it has not acknowledged; fails while not connected.
     */
    CompletableFuture<Integer> requestUpdates(boolean all) {
        CompletableFuture<Integer> r = new CompletableFuture<>();
        loop.execute(() -> {
            if (link == null) {
                r.completeExceptionally(new IllegalStateException("the partner is not connected (state "
                        + machine.state() + ")"));
                return;
            }
            if (all) {
                sendUpdateRequestAll();
            } else {
                sendUpdateRequest();
            }
            sendPendingUpdates();
            publish();
            Status s = status();
            r.complete(s == null ? 0 : s.queued());
        });
        return r;
    }

    /** {@code dhcp:failover-rebalance}: the primary evens out the free pools now; completes with the count. */
    CompletableFuture<Integer> rebalance() {
        CompletableFuture<Integer> r = new CompletableFuture<>();
        loop.execute(() -> {
            if (cfg.role() != Role.PRIMARY) {
                r.completeExceptionally(new IllegalStateException("only the primary balances the pools"));
            } else if (!machine.state().equals(ServerState.NORMAL)) {
                r.completeExceptionally(new IllegalStateException("pools are balanced in normal state only, not in "
                        + machine.state()));
            } else {
                r.complete(bindings.rebalance());
            }
        });
        return r;
    }

    /** Closes the listener and every connection; the journal keeps the state for the next start. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closed = true;
            timers.values().forEach(f -> f.cancel(false));
            timers.clear();
            cancelKeepAlive();
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            Set.copyOf(candidates).forEach(Channel::close);
            if (link != null) {
                link.close();
            }
            if (listener != null) {
                listener.close().addListener(f -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    private void publish() {
        if (machine == null) {
            return;
        }
        ServiceView next = new ServiceView(cfg.role(), machine.state(), machine.partner(), machine.stos(),
                machine.mclt(), hba, cfg.loadBalanceMaxSeconds());
        boolean changed = !next.equals(view);
        view = next;
        if (changed) {
            onChange.run();
        }
        status = new Status(cfg.name(), cfg.role(), machine.state(), machine.stos(), machine.partner(),
                machine.partnerStos(), link != null, skew, bindings.unacked(), bindings.queued(), bindings.sent(),
                bindings.acknowledged(), bindings.received(), machine.mclt(), hba,
                bindings.maxAckMillis(), new UpdateRequests(updateRequestsSent, updateRequestsAllSent,
                        updateDoneReceived, bindings.updateRequestsReceived(), bindings.updateDoneSent()));
    }

    /** The relationship's metrics, labelled with its peer name: what {@link #lines} shows, as numbers. */
    static void metrics(Status s, MetricSink sink) {
        Map<String, String> peer = Map.of("peer", s.name());
        sink.gauge("leasehold_failover_state", "This server's failover state (draft-12 code)", peer, s.state().code());
        sink.gauge("leasehold_failover_partner_state", "The partner's last known failover state", peer,
                s.partner().code());
        sink.gauge("leasehold_failover_connected", "1 while the link to the partner is up", peer, s.connected() ? 1 : 0);
        sink.gauge("leasehold_failover_clock_skew_seconds", "Partner clock minus ours", peer, s.skew());
        sink.gauge("leasehold_failover_updates_unacked", "Binding updates sent, not yet acknowledged", peer,
                s.unacked());
        sink.gauge("leasehold_failover_updates_queued", "Binding updates waiting to be sent", peer, s.queued());
        sink.counter("leasehold_failover_updates_sent_total", "Binding updates sent", peer, s.sent());
        sink.counter("leasehold_failover_updates_acked_total", "Binding updates acknowledged", peer, s.acked());
        sink.counter("leasehold_failover_updates_received_total", "Binding updates received", peer, s.received());
        sink.gauge("leasehold_failover_update_ack_max_seconds", "Longest wait of a binding update for its BNDACK",
                peer, s.maxAckMillis() / 1000.0);
        UpdateRequests r = s.requests();
        String sent = "Update requests sent to the partner (UPDREQ: unacknowledged bindings; UPDREQALL: all)";
        sink.counter("leasehold_failover_update_requests_sent_total", sent, label(peer, "UPDREQ"), r.sent());
        sink.counter("leasehold_failover_update_requests_sent_total", sent, label(peer, "UPDREQALL"), r.allSent());
        sink.counter("leasehold_failover_update_requests_received_total", "Update requests (UPDREQ, UPDREQALL) "
                + "received from the partner", peer, r.received());
        sink.counter("leasehold_failover_update_done_received_total", "UPDDONE messages received: a requested "
                + "update finished", peer, r.doneReceived());
        sink.counter("leasehold_failover_update_done_sent_total", "UPDDONE messages sent after answering a request",
                peer, r.doneSent());
    }

    private static Map<String, String> label(Map<String, String> peer, String type) {
        Map<String, String> m = new LinkedHashMap<>(peer);
        m.put("type", type);
        return m;
    }

    /** Status lines, in display order. */
    static Map<String, String> lines(Status s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("role", s.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("state", s.state().toString());
        m.put("since", Instant.ofEpochSecond(s.stos()).toString());
        m.put("partner-state", s.partner().toString());
        m.put("partner-since", Instant.ofEpochSecond(s.partnerStos()).toString());
        m.put("connected", Boolean.toString(s.connected()));
        m.put("clock-skew-seconds", Long.toString(s.skew()));
        m.put("mclt", Long.toString(s.mclt()));
        m.put("split", s.hba() == null ? "-" : Integer.toString(s.hba().primaryBuckets()));
        m.put("updates-unacked", Integer.toString(s.unacked()));
        m.put("updates-queued", Integer.toString(s.queued()));
        m.put("updates-sent", Long.toString(s.sent()));
        m.put("updates-acked", Long.toString(s.acked()));
        m.put("updates-received", Long.toString(s.received()));
        m.put("updates-ack-max-ms", Long.toString(s.maxAckMillis()));
        m.put("update-requests-sent", Long.toString(s.requests().sent()));
        m.put("update-requests-all-sent", Long.toString(s.requests().allSent()));
        m.put("update-done-received", Long.toString(s.requests().doneReceived()));
        m.put("update-requests-received", Long.toString(s.requests().received()));
        m.put("update-done-sent", Long.toString(s.requests().doneSent()));
        return m;
    }
}
