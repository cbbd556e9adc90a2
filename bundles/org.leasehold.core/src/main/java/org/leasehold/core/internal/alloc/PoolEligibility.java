package org.leasehold.core.internal.alloc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.Parameter;
import org.leasehold.core.internal.config.Permit;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * Whether a pool may serve a client: ISC permit lists (any matching deny excludes; with any allow,
 * one must match), BOOTP only from dynamic-bootp ranges, and {@code deny unknown-clients} /
 * {@code deny bootp} flags of the enclosing scopes. Stateless.
 */
final class PoolEligibility {

    private PoolEligibility() {
    }

    static boolean permits(DhcpConfig config, SubnetDecl subnet, PoolDecl pool, Classification c, boolean bootp,
            long now) {
        if (!Permit.admits(pool.permits(), subject(c, bootp, now))) {
            return false;
        }
        if (bootp && !pool.ranges().stream().anyMatch(r -> r.dynamicBootp())
                && pool.permits().stream().noneMatch(p -> p.allow() && p.kind() == Permit.Kind.DYNAMIC_BOOTP_CLIENTS)) {
            return false;
        }
        List<Params> scopes = scopes(config, subnet, pool);
        if (!c.known() && denied(scopes, "unknown-clients")) {
            return false;
        }
        return !(bootp && denied(scopes, "bootp"));
    }

    private static Permit.Subject subject(Classification c, boolean bootp, long now) {
        return new Permit.Subject() {
            @Override
            public boolean memberOf(String className) {
                return c.memberOf(className);
            }

            @Override
            public boolean known() {
                return c.known();
            }

            @Override
            public boolean bootp() {
                return bootp;
            }

            @Override
            public boolean authenticated() {
                return c.authenticated();
            }

            @Override
            public long now() {
                return now;
            }
        };
    }

    /** Innermost first: pool, subnet, shared-network, groups, global. */
    private static List<Params> scopes(DhcpConfig config, SubnetDecl subnet, PoolDecl pool) {
        List<Params> out = new ArrayList<>();
        out.add(pool.params());
        out.add(subnet.params());
        subnet.sharedNetwork().flatMap(config::sharedNetwork).ifPresent(n -> out.add(n.params()));
        for (int i = subnet.groups().size() - 1; i >= 0; i--) {
            out.add(subnet.groups().get(i));
        }
        out.add(config.global());
        return out;
    }

    private static boolean denied(List<Params> scopes, String flag) {
        for (Params p : scopes) {
            Optional<Parameter> v = p.parameter(flag);
            if (v.isPresent()) {
                return !v.get().value().equals("allow");
            }
        }
        return false;
    }
}
