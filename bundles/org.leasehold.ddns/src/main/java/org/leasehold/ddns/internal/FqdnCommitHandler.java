package org.leasehold.ddns.internal;

import java.util.Optional;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.config.ConfigParameters;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.option.ClientFqdn;
import org.leasehold.api.pipeline.AttributeKey;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.ddns.internal.FqdnPolicy.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At LEASE_COMMIT (order {@value #ORDER}), before the lease is made durable: chooses the client's DNS name
 * ({@link FqdnPolicy}), puts it in the lease's host name (what {@code dhcp:lease-list} shows) and the
 * records to register in the lease's variables ({@link DnsBinding}, state {@code pending}), so the
 * update is on disk before the ACK leaves and the {@link DdnsEngine} sends it after the commit. A
 * renewal that changes nothing keeps the registered state ({@code update-optimization}, ISC's
 * default). Never blocks (one in-memory store read). Thread-safe.
 */
final class FqdnCommitHandler implements PacketHandler {

    static final int ORDER = 500;
    static final String NAME = "ddns-fqdn";

    /** The decision for this packet, for the reply handler. */
    static final AttributeKey<Decision> DECISION = AttributeKey.of("ddns.decision", Decision.class);
    private static final Logger LOG = LoggerFactory.getLogger(FqdnCommitHandler.class);

    private final DdnsActive ddns;
    private final LeaseStore store;

    FqdnCommitHandler(DdnsActive ddns, LeaseStore store) {
        this.ddns = ddns;
        this.store = store;
    }

    @Override
    public Verdict handle(PacketContext ctx) {
        Optional<Lease> candidate = ctx.get(PipelineAttributes.LEASE);
        if (!ctx.hasRequest() || candidate.isEmpty()) {
            return Verdict.CONTINUE;
        }
        Lease lease = candidate.get();
        Decision d = decide(ctx, ddns, lease);
        Lease amended = d.name().isEmpty() ? lease : lease.withHostname(d.name());
        if (d.binding().isPresent()) {
            DnsBinding b = d.binding().get();
            ConfigParameters p = ctx.get(PipelineAttributes.PARAMETERS).orElse(ConfigParameters.NONE);
            if (unchanged(store.get(lease.key()), lease, b) && p.flag("update-optimization").orElse(true)) {
                b = b.withState(DnsBinding.State.DONE);
            }
            amended = b.applyTo(amended);
        } else {
            amended = DnsBinding.clearFrom(amended);
        }
        LOG.debug("{}: DDNS name '{}': {}", ctx.label(), d.name(), d.why());
        ctx.put(PipelineAttributes.LEASE, amended);
        return Verdict.CONTINUE;
    }

    /** The decision for a packet's lease; decoded once per packet and kept in {@link #DECISION}. */
    static Decision decide(PacketContext ctx, DdnsActive ddns, Lease lease) {
        Optional<Decision> known = ctx.get(DECISION);
        if (known.isPresent()) {
            return known.get();
        }
        Optional<ClientFqdn> fqdn;
        try {
            fqdn = FqdnPolicy.clientFqdn(ctx.request());
        } catch (DecodeException e) {
            ddns.badFqdn().increment();
            LOG.debug("{}: client FQDN option ignored: {}", ctx.label(), e.getMessage());
            fqdn = Optional.empty();
        }
        ConfigParameters p = ctx.get(PipelineAttributes.PARAMETERS).orElse(ConfigParameters.NONE);
        Decision d = FqdnPolicy.decide(ddns.settings(), p, ctx.request(), fqdn, lease);
        ctx.put(DECISION, d);
        return d;
    }

    /** The same client renews and its stored lease already has these records registered. */
    private static boolean unchanged(Optional<Lease> stored, Lease lease, DnsBinding b) {
        return stored.filter(s -> s.state() == LeaseState.ACTIVE && java.util.Objects.equals(s.client(), lease.client()))
                .flatMap(DnsBinding::of)
                .filter(old -> old.sameRecords(b) && old.state() == DnsBinding.State.DONE).isPresent();
    }
}
