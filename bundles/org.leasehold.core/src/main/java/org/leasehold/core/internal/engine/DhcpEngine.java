package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.ReplyEncoding;
import org.leasehold.api.lease.AllocationPolicy;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.config.ScopeParameters;
import org.leasehold.api.logging.RateLimitedLog;
import org.leasehold.core.internal.pipeline.PipelineRunner;
import org.leasehold.core.internal.transport.DatagramSink;
import org.leasehold.core.internal.transport.Endpoint;
import org.leasehold.core.internal.transport.ReplyAddressing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 2131 request processing: decodes a datagram, runs the pipeline's hook points in order
 * (RECEIVE, CLASSIFY, SUBNET_SELECT, LEASE_SELECT, LEASE_COMMIT, RESPOND, SEND), and answers.
 * Called on the transport's event loops; never blocks them (lease commits complete on the store's
 * writer thread and the reply hops back to the packet's loop). Decode errors are counted and the
 * datagram dropped. Thread-safe; the configuration is swapped atomically on reload.
 */
public final class DhcpEngine implements DatagramSink {

    private static final Logger LOG = LoggerFactory.getLogger(DhcpEngine.class);
    private final RateLimitedLog warn = new RateLimitedLog(LOG);

    private final Supplier<ConfigView> config;
    private final LongSupplier clock;
    private final int serverPort;
    private final int clientPort;
    private final EngineStats stats = new EngineStats();
    private final Hooks hooks;
    private final SubnetSelector selector;
    private final OfferCache offers = new OfferCache();
    private final Allocation allocation;
    private final LeaseFlow flow;
    private final LeaseEvents events;

    public DhcpEngine(Supplier<ConfigView> config, LeaseStore store, Supplier<PipelineRunner> pipeline,
            LongSupplier clock, int serverPort, int clientPort) {
        this(config, store, pipeline, () -> null, clock, serverPort, clientPort);
    }

    /** {@code policy} supplies the capabilities' allocation policy in force (null when none). */
    public DhcpEngine(Supplier<ConfigView> config, LeaseStore store, Supplier<PipelineRunner> pipeline,
            Supplier<AllocationPolicy> policy, LongSupplier clock, int serverPort, int clientPort) {
        this(config, store, pipeline, policy, clock, serverPort, clientPort, PingCheck.NONE);
    }

    /** {@code ping} checks an address before it is offered when the configuration's {@code ping-check} says so. */
    public DhcpEngine(Supplier<ConfigView> config, LeaseStore store, Supplier<PipelineRunner> pipeline,
            Supplier<AllocationPolicy> policy, LongSupplier clock, int serverPort, int clientPort, PingCheck ping) {
        this(config, store, pipeline, policy, clock, serverPort, clientPort, ping, ProgramRunner.disabled());
    }

    /** {@code programs} runs the {@code execute} statements of lease events (when the operator enabled them). */
    public DhcpEngine(Supplier<ConfigView> config, LeaseStore store, Supplier<PipelineRunner> pipeline,
            Supplier<AllocationPolicy> policy, LongSupplier clock, int serverPort, int clientPort, PingCheck ping,
            ProgramRunner programs) {
        this.config = config;
        this.clock = clock;
        this.serverPort = serverPort;
        this.clientPort = clientPort;
        this.hooks = new Hooks(pipeline);
        this.selector = new SubnetSelector();
        this.allocation = new Allocation(store, offers, clock, policy);
        programs.countInto(stats::count);
        this.flow = new LeaseFlow(store, offers, allocation, hooks, this::respond, stats, ping, programs);
        this.events = new LeaseEvents(store, allocation, hooks, stats, programs);
    }

    public EngineStats stats() {
        return stats;
    }

    @Override
    public void receive(Endpoint endpoint, ByteBuffer payload, InetSocketAddress sender) {
        byte[] raw = new byte[payload.remaining()];
        payload.get(raw);
        DhcpMessage request;
        try {
            request = DhcpCodec.decode(raw);
        } catch (DecodeException e) {
            stats.count("drop.decode");
            LOG.debug("Undecodable datagram from {}: {} at {}", sender, e.reason(), e.offset());
            return;
        } catch (RuntimeException e) {
            // the codec promises DecodeException only; a bug there must still not reach Netty
            stats.count("drop.decode");
            warn.warn("codec", "Codec failed on a datagram from {}: {}", sender, String.valueOf(e));
            return;
        }
        Executor loop = endpoint == null ? Runnable::run : endpoint.executor();
        try {
            handle(new Exchange(request, raw, endpoint, sender, config.get(), loop, clock.getAsLong()));
        } catch (RuntimeException e) {
            stats.count("drop.error");
            warn.warn("processing", "{}: processing failed: {}", request.label(), String.valueOf(e));
            LOG.debug("{}: processing failure", request.label(), e);
        }
    }

    private void handle(Exchange x) {
        if (x.request.op() != DhcpMessage.BOOTREQUEST) {
            stats.count("drop.not-request");
            return;
        }
        stats.count(counterName(RX_NAMES, x.request, "rx.BOOTP"));
        hooks.run(HookPoint.RECEIVE, x, v -> {
            if (decided(x, v)) {
                return;
            }
            hooks.run(HookPoint.CLASSIFY, x, c -> classified(x, c));
        });
    }

    private void classified(Exchange x, Verdict v) {
        if (v == Verdict.DROP || v == Verdict.RESPOND) {
            decided(x, v);
            return;
        }
        x.classification = x.view.classify(x.request, x.raw, x.ctx);
        if (v == Verdict.SKIP) {
            // handlers classified instead: keep the host declaration, drop the configured class matches
            x.classification = new Classification(Set.of(), List.of(), List.of(),
                    x.classification.host());
        }
        if (x.ctx.get(PipelineAttributes.AUTHENTICATED).orElse(Boolean.FALSE)) {
            x.classification = x.classification.withAuthenticated(true);
        }
        x.classes = x.classification.classes();
        x.host = x.classification.host();
        x.ctx.put(PipelineAttributes.CLASSES, x.classes.isEmpty() ? "" : String.join(",", new TreeSet<>(x.classes)));
        x.subnet = selector.select(x);
        x.subnet.ifPresent(s -> x.ctx.put(PipelineAttributes.SUBNET, s.id()));
        if (hooks.active()) {
            x.ctx.put(PipelineAttributes.PARAMETERS, new ScopeParameters(x.scopes()));
        }
        hooks.run(HookPoint.SUBNET_SELECT, x, s -> {
            if (decided(x, s)) {
                return;
            }
            if (s == Verdict.SKIP) {
                x.subnet = Optional.empty();
            } else {
                x.subnet = x.ctx.get(PipelineAttributes.SUBNET).flatMap(x.view::subnet);
            }
            x.link = x.subnet.map(x.view::link).orElse(List.of());
            x.serverId = selector.serverIdentifier(x);
            dispatch(x);
        });
    }

    private void dispatch(Exchange x) {
        Optional<MessageType> type = x.request.messageType();
        if (type.isEmpty()) {
            if (x.subnet.isPresent()) {
                flow.bootp(x);
            }
            return;
        }
        MessageType t = type.get();
        if (t.equals(MessageType.DISCOVER)) {
            if (x.subnet.isPresent()) {
                flow.discover(x);
            } else {
                stats.count("drop.no-subnet");
            }
        } else if (t.equals(MessageType.REQUEST)) {
            flow.request(x);
        } else if (t.equals(MessageType.INFORM)) {
            respond(x, ReplyBuilder.informAck(x, x.scopes()));
        } else if (t.equals(MessageType.RELEASE)) {
            events.release(x);
        } else if (t.equals(MessageType.DECLINE)) {
            events.decline(x);
        } else {
            stats.count("drop.type-" + t.code());
        }
    }

    /** Handles the verdicts every point shares; true when the packet is done. */
    private boolean decided(Exchange x, Verdict v) {
        if (v == Verdict.DROP || v == Verdict.SKIP) {
            stats.count(v == Verdict.DROP ? "drop.handler" : "skip.handler");
            return true;
        }
        if (v == Verdict.RESPOND) {
            x.ctx.reply().ifPresent(r -> send(x, r));
            return true;
        }
        return false;
    }

    /** RESPOND and SEND points, then the wire. */
    void respond(Exchange x, DhcpMessage reply) {
        x.ctx.reply(reply);
        hooks.run(HookPoint.RESPOND, x, v -> {
            if (v == Verdict.DROP) {
                stats.count("drop.handler");
                return;
            }
            hooks.run(HookPoint.SEND, x, s -> {
                if (s == Verdict.DROP || s == Verdict.SKIP) {
                    return;
                }
                x.ctx.reply().ifPresent(r -> send(x, r));
            });
        });
    }

    private void send(Exchange x, DhcpMessage reply) {
        byte[] bytes = DhcpCodec.encodeReply(reply, ReplyEncoding.forRequest(x.request));
        InetSocketAddress to = ReplyAddressing.destination(x.request, reply, x.sender, serverPort, clientPort);
        stats.count(counterName(TX_NAMES, reply, "tx.BOOTREPLY"));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} yiaddr={} to {}", x.label(), reply.messageType().map(MessageType::name).orElse("BOOTREPLY"),
                    reply.yiaddr().getHostAddress(), to);
        }
        if (x.endpoint != null) {
            x.endpoint.send(bytes, to);
        }
    }

    /**
     * Builds the current configuration's allocator now (it reads every lease: a quarter of a second
     * with a million) rather than on the first packet: at start before the sockets open, and after a
     * reload.
     */
    public void prime() {
        allocation.allocator(config.get());
    }

    /** Whether the current configuration's allocator exists (tests). */
    boolean primed() {
        return allocation.builtFor(config.get());
    }

    /** A lease changed outside the engine (a capability, an operator): allocation follows it. */
    public void leaseChanged(Lease lease) {
        allocation.changed(lease);
    }

    /** A lease was deleted: its address may be free again. */
    public void leaseGone(LeaseKey key) {
        allocation.recheck(key);
    }

    /** One expiry pass (also drops stale offers); returns the number of leases expired. */
    public int sweep(Executor executor) {
        long now = clock.getAsLong();
        offers.purge(now).forEach(allocation::recheck);
        return events.expire(now, executor, config.get());
    }

    /** "rx.DISCOVER", "tx.ACK"... per message type code, built once rather than per packet. */
    private static final String[] RX_NAMES = counterNames("rx.");
    private static final String[] TX_NAMES = counterNames("tx.");

    private static String[] counterNames(String prefix) {
        String[] names = new String[256];
        for (int code = 0; code < names.length; code++) {
            names[code] = prefix + MessageType.valueOf(code).name();
        }
        return names;
    }

    /** The counter of {@code m}'s type from {@code names}, or {@code bootp} without option 53. */
    private static String counterName(String[] names, DhcpMessage m, String bootp) {
        Optional<MessageType> t = m.messageType();
        return t.isPresent() ? names[t.get().code()] : bootp;
    }

    static boolean isOurs(Exchange x, Inet4Address sid) {
        return sid.equals(x.serverId) || (x.endpoint != null && x.endpoint.addresses().contains(sid));
    }
}
