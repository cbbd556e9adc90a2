package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.expr.PacketView;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.transport.Endpoint;

/**
 * One packet on its way through the engine: the request, where it came from, and what the engine
 * has decided so far. Touched by one thread at a time (the endpoint's event loop, or the thread a
 * parked stage or lease commit resumes on, which hops back through {@link #loop}).
 */
final class Exchange {

    final DhcpMessage request;
    final byte[] raw;
    final Endpoint endpoint;
    final InetSocketAddress sender;
    final PacketContext ctx;
    final ConfigView view;
    final Executor loop;
    final long now;
    final ClientKey client;
    Classification classification = Classification.NONE;
    Set<String> classes = Set.of();
    Optional<SubnetDecl> subnet = Optional.empty();
    List<SubnetDecl> link = List.of();
    Optional<HostDecl> host = Optional.empty();
    private PacketView packetView;
    private Scopes withoutPool;
    private Scopes withPool;
    Inet4Address serverId;
    /** Addresses pinged for this DISCOVER so far (ping-check); read and written on the packet's loop only. */
    int pingAttempts;

    Exchange(DhcpMessage request, byte[] raw, Endpoint endpoint, InetSocketAddress sender, ConfigView view, Executor loop,
            long now) {
        this.request = request;
        this.raw = raw;
        this.endpoint = endpoint;
        this.sender = sender;
        this.ctx = PacketContext.of(request, sender);
        this.view = view;
        this.loop = loop;
        this.now = now;
        // ISC ignore-client-uids (read at the global scope): clients are known by their hardware address only
        boolean ignoreUids = view != null
                && ConfigView.flag(List.of(view.config().global()), "ignore-client-uids").orElse(false);
        this.client = ignoreUids ? ClientKey.ofHardware(request.htype(), request.hardwareAddress().bytes())
                : clientKey(request);
    }

    static ClientKey clientKey(DhcpMessage m) {
        Optional<byte[]> id = m.options().bytes(61);
        if (id.isPresent() && id.get().length > 0) {
            return ClientKey.ofClientId(id.get());
        }
        return ClientKey.ofHardware(m.htype(), m.hardwareAddress().bytes());
    }

    boolean relayed() {
        return request.giaddrInt() != 0;
    }

    /** Parameters in force for this client in {@code subnet}, without a pool. */
    List<Params> scopes() {
        return scopes(subnet, Optional.empty());
    }

    /**
     * Parameters in force for this client in {@code subnet} and {@code pool}, as
     * {@link ConfigView#scopes} gives them. An exchange asks for them several times (reply options,
     * lease time, flags, events); a chain without conditionals or computed options depends only on
     * the declarations and the classes, so it is kept for the next ask with the same ones (one slot
     * without a pool, one with). A chain that reads the packet is evaluated afresh each time.
     */
    List<Params> scopes(Optional<SubnetDecl> inSubnet, Optional<PoolDecl> pool) {
        SubnetDecl s = inSubnet.orElse(null);
        PoolDecl p = pool.orElse(null);
        HostDecl h = host.orElse(null);
        Scopes kept = p == null ? withoutPool : withPool;
        if (kept != null && kept.subnet == s && kept.pool == p && kept.host == h && kept.classes == classification) {
            return kept.params;
        }
        List<Params> params = view.scopes(inSubnet, pool, classification.params(), host, packetView());
        if (ConfigView.packetDependent(params)) {
            return params;
        }
        Scopes fresh = new Scopes(s, p, h, classification, Collections.unmodifiableList(params));
        if (p == null) {
            withoutPool = fresh;
        } else {
            withPool = fresh;
        }
        return fresh.params;
    }

    private record Scopes(SubnetDecl subnet, PoolDecl pool, HostDecl host, Classification classes,
            List<Params> params) {
    }

    /** The message as scope {@code if} statements see it, once classified. */
    PacketView packetView() {
        if (packetView == null) {
            packetView = classification.view(new MessageView(request, raw, ctx));
        }
        return packetView;
    }

    String label() {
        return ctx.label();
    }
}
