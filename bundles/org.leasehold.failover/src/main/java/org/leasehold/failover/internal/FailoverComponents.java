package org.leasehold.failover.internal;

import java.util.Optional;
import org.leasehold.api.lease.AllocationPolicy;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.serve.FailoverPolicy;
import org.leasehold.failover.internal.serve.LoadBalance;
import org.leasehold.failover.internal.serve.Mclt;
import org.leasehold.failover.internal.serve.ServiceView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The failover bundle's services on the packet path; each reads the immutable {@link ServiceView}
 * snapshots the relationships publish, so none of them locks or waits. With no failover pool
 * configured each one lets every packet and address pass as if it were not there.
 */
final class FailoverComponents {

    private FailoverComponents() {
    }

    /** The owner view of failover pools for the allocator. */
    @Component(service = AllocationPolicy.class)
    public static final class Policy implements AllocationPolicy {
        private final FailoverPolicy policy;

        @Activate
        public Policy(@Reference FailoverService service) {
            policy = new FailoverPolicy(service);
        }

        @Override
        public Availability availability(LeaseKey key, String poolId, Lease lease, long now) {
            return policy.availability(key, poolId, lease, now);
        }

        @Override
        public long version() {
            return policy.version();
        }
    }

    /**
     * At SUBNET_SELECT (order 50): a subnet with failover pools is served only while the relationship's
     * service state says so (ISC's {@code dhcp_failover_set_service_state}), and in NORMAL only for
     * the clients RFC 3074 load balancing gives this server (DISCOVER, and REQUEST without ciaddr or
     * server identifier: INIT-REBOOT). Dropped packets are those the partner answers.
     */
    @Component(service = PacketHandler.class, property = {PacketHandler.HOOK + "=SUBNET_SELECT",
        PacketHandler.ORDER + ":Integer=50", PacketHandler.NAME + "=failover-balance",
        PacketHandler.ON_ERROR + "=continue"})
    public static final class Balance implements PacketHandler {
        private final FailoverService service;

        @Activate
        public Balance(@Reference FailoverService service) {
            this.service = service;
        }

        @Override
        public Verdict handle(PacketContext ctx) {
            if (!ctx.hasRequest()) {
                return Verdict.CONTINUE;
            }
            Optional<ServiceView> v = ctx.get(PipelineAttributes.SUBNET).map(service::forSubnet);
            if (v.isEmpty() || v.get() == null) {
                return Verdict.CONTINUE;
            }
            ServiceView view = v.get();
            if (!view.responding()) {
                service.counted("dropped-not-responding");
                return Verdict.DROP;
            }
            DhcpMessage m = ctx.request();
            if (!view.balancing() || !LoadBalance.balancedMessage(m)) {
                return Verdict.CONTINUE;
            }
            byte[] clientId = m.options().bytes(61).orElse(null);
            if (LoadBalance.mine(view.role(), view.hba(), view.lbMaxSeconds(), m.secs(), clientId, m.chaddr(),
                    m.hlen())) {
                return Verdict.CONTINUE;
            }
            service.counted("dropped-partner-client");
            return Verdict.DROP;
        }
    }

    /**
     * At RECEIVE (order 20): the server farm's level of load balancing. With a {@code server-hba} in
     * force this server (both servers of a pair carry the same one) takes a new client only when the
     * farm gives it the client's bucket; the other members of the farm answer the rest. Renewals and
     * REQUESTs naming a server pass. Without {@code server-hba} every packet passes.
     */
    @Component(service = PacketHandler.class, property = {PacketHandler.HOOK + "=RECEIVE",
        PacketHandler.ORDER + ":Integer=20", PacketHandler.NAME + "=failover-farm",
        PacketHandler.ON_ERROR + "=continue"})
    public static final class Farm implements PacketHandler {
        private final FailoverService service;

        @Activate
        public Farm(@Reference FailoverService service) {
            this.service = service;
        }

        @Override
        public Verdict handle(PacketContext ctx) {
            Hba farm = service.farm();
            if (farm == null || !ctx.hasRequest() || !LoadBalance.balancedMessage(ctx.request())) {
                return Verdict.CONTINUE;
            }
            DhcpMessage m = ctx.request();
            if (LoadBalance.farmMine(farm, m.options().bytes(61).orElse(null), m.chaddr(), m.hlen())) {
                return Verdict.CONTINUE;
            }
            service.counted("dropped-farm-client");
            return Verdict.DROP;
        }
    }

    /** The MCLT rule on the lease offered (LEASE_SELECT) and committed (LEASE_COMMIT). */
    abstract static class McltStep implements PacketHandler {
        private final FailoverService service;
        private final boolean commit;

        McltStep(FailoverService service, boolean commit) {
            this.service = service;
            this.commit = commit;
        }

        @Override
        public Verdict handle(PacketContext ctx) {
            Optional<Lease> lease = ctx.get(PipelineAttributes.LEASE);
            if (lease.isEmpty() || lease.get().pool().isEmpty()) {
                return Verdict.CONTINUE;
            }
            ServiceView v = service.forPool(lease.get().pool());
            if (v == null) {
                return Verdict.CONTINUE;
            }
            long now = System.currentTimeMillis() / 1000;
            Lease stored = service.store().get(lease.get().key()).orElse(null);
            ctx.put(PipelineAttributes.LEASE, Mclt.apply(lease.get(), stored, v.mclt(), now, commit));
            return Verdict.CONTINUE;
        }
    }

    @Component(service = PacketHandler.class, property = {PacketHandler.HOOK + "=LEASE_SELECT",
        PacketHandler.ORDER + ":Integer=900", PacketHandler.NAME + "=failover-mclt-offer"})
    public static final class McltOffer extends McltStep {
        @Activate
        public McltOffer(@Reference FailoverService service) {
            super(service, false);
        }
    }

    @Component(service = PacketHandler.class, property = {PacketHandler.HOOK + "=LEASE_COMMIT",
        PacketHandler.ORDER + ":Integer=900", PacketHandler.NAME + "=failover-mclt"})
    public static final class McltCommit extends McltStep {
        @Activate
        public McltCommit(@Reference FailoverService service) {
            super(service, true);
        }
    }
}
