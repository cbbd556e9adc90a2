package org.leasehold.core.internal.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.leasehold.api.config.AddressRange;
import org.leasehold.api.config.ConfigParameters;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.config.ScopedStatement;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.ScopeParameters;
import org.leasehold.core.internal.config.RangeDecl;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.engine.ConfigView;

/** A parsed dhcpd.conf as capabilities see it ({@link DhcpdConf}). Immutable. */
public final class LoadedConf implements DhcpdConf {

    private final String source;
    private final long generation;
    private final ConfigView view;
    private final List<PoolInfo> pools;

    public LoadedConf(String source, long generation, ConfigView view) {
        this.source = source;
        this.generation = generation;
        this.view = view;
        List<PoolInfo> p = new ArrayList<>();
        for (SubnetDecl s : view.config().subnets()) {
            for (PoolDecl pool : s.pools()) {
                List<AddressRange> ranges = new ArrayList<>();
                for (RangeDecl r : pool.ranges()) {
                    ranges.add(new AddressRange(Ipv4.of(r.first()), Ipv4.of(r.last())));
                }
                p.add(new PoolInfo(pool.id(), s.id(), pool.space(), ranges, pool.params().statements()));
            }
        }
        this.pools = List.copyOf(p);
    }

    public ConfigView view() {
        return view;
    }

    public DhcpConfig config() {
        return view.config();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public List<ScopedStatement> statements(String keyword) {
        return view.config().capabilityStatements(keyword.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<PoolInfo> pools() {
        return pools;
    }

    @Override
    public ConfigParameters parameters(String subnetId, String poolId) {
        Optional<SubnetDecl> subnet = view.subnet(subnetId);
        Optional<PoolDecl> pool = subnet.flatMap(s -> view.link(s).stream().flatMap(l -> l.pools().stream())
                .filter(p -> p.id().equals(poolId)).findFirst());
        return new ScopeParameters(view.scopes(subnet, pool, List.of(), Optional.empty(), null));
    }
}
