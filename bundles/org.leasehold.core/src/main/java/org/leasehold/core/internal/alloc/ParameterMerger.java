package org.leasehold.core.internal.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.OptionSetting;
import org.leasehold.core.internal.config.Parameter;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.expr.OptionRef;
import org.leasehold.core.internal.expr.PacketView;

/**
 * Scope precedence for options and parameters: host &gt; class (subclass &gt; class, later classes
 * over earlier) &gt; pool &gt; subnet &gt; shared-network &gt; group &gt; global. Pure function; thread-safe.
 */
public final class ParameterMerger {

    private ParameterMerger() {
    }

    /**
     * As {@link #merge(DhcpConfig, SubnetDecl, PoolDecl, Classification, PacketView)} with no packet:
     * {@code if} statements do not apply.
     */
    public static EffectiveParameters merge(DhcpConfig config, SubnetDecl subnet, PoolDecl pool,
            Classification classification) {
        return merge(config, subnet, pool, classification, null);
    }

    /**
     * @param pool the pool the address came from, or null (fixed address, INFORM)
     * @param packet the client's message, against which each scope's {@code if} statements are
     *     evaluated; null to leave them out
     */
    public static EffectiveParameters merge(DhcpConfig config, SubnetDecl subnet, PoolDecl pool,
            Classification classification, PacketView packet) {
        List<Params> lowestFirst = new ArrayList<>();
        lowestFirst.add(config.global());
        Optional<org.leasehold.core.internal.config.SharedNetworkDecl> net = subnet.sharedNetwork()
                .flatMap(config::sharedNetwork);
        net.ifPresent(n -> lowestFirst.addAll(n.groups()));
        lowestFirst.addAll(subnet.groups());
        classification.host().ifPresent(h -> lowestFirst.addAll(h.groups()));
        net.ifPresent(n -> lowestFirst.add(n.params()));
        lowestFirst.add(subnet.params());
        if (pool != null) {
            lowestFirst.add(pool.params());
        }
        lowestFirst.addAll(classification.params());
        classification.host().ifPresent(h -> lowestFirst.add(h.params()));
        return apply(lowestFirst, packet);
    }

    static EffectiveParameters apply(List<Params> lowestFirst, PacketView packet) {
        Map<OptionRef, OptionSetting> options = new HashMap<>();
        Map<String, Parameter> parameters = new HashMap<>();
        for (Params scope : lowestFirst) {
            Params p = packet == null ? scope : scope.resolve(packet);
            p.options().forEach(o -> options.put(key(o.option()), o));
            parameters.putAll(p.parameters());
        }
        List<OptionSetting> ordered = new ArrayList<>(options.values());
        ordered.sort(Comparator.comparing((OptionSetting o) -> o.option().space()).thenComparingInt(o -> o.option().code()));
        return new EffectiveParameters(ordered, parameters);
    }

    /** Options are the same when space and code agree, whatever name the file used. */
    private static OptionRef key(OptionRef ref) {
        return new OptionRef(ref.space(), ref.code(), "");
    }
}
