package org.leasehold.core.internal.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.leasehold.api.config.ConfigScope;
import org.leasehold.api.config.ScopedStatement;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.value.Ipv4;

/** Turns the parse's scope builders into the immutable model once every block is closed. Single use. */
final class ConfigAssembler {

    private final ParseState state;
    private final Map<ScopeBuilder, String> poolIds = new IdentityHashMap<>();

    ConfigAssembler(ParseState state) {
        this.state = state;
    }

    DhcpConfig assemble(ScopeBuilder global) throws ConfigException {
        Map<ScopeBuilder, List<ScopeBuilder>> poolsBySubnet = new LinkedHashMap<>();
        for (ScopeBuilder s : state.subnets) {
            List<ScopeBuilder> pools = new ArrayList<>(s.pools);
            if (!s.ranges.isEmpty()) {
                // ISC puts ranges written directly in a subnet into one implicit pool of that subnet.
                ScopeBuilder implicit = new ScopeBuilder(ScopeBuilder.Kind.POOL, s, s.ranges.get(0).pos(), null);
                implicit.ranges.addAll(s.ranges);
                pools.add(0, implicit);
            }
            poolsBySubnet.put(s, pools);
        }
        for (ScopeBuilder net : state.sharedNetworks) {
            for (ScopeBuilder pool : net.pools) {
                poolsBySubnet.get(owningSubnet(net, pool)).add(pool);
            }
        }
        List<SubnetDecl> subnets = new ArrayList<>();
        poolsBySubnet.forEach((s, pools) -> subnets.add(subnet(s, pools)));
        List<ScopedStatement> captured = state.captured.stream()
                .map(c -> new ScopedStatement(scopeOf(c.scope()), c.statement())).toList();
        return new DhcpConfig(global.params(), state.sharedNetworks.stream().map(this::sharedNetwork).toList(),
                subnets, state.hosts.stream().map(this::host).toList(), state.classes.stream().map(this::classDecl).toList(),
                state.subclasses.stream().map(this::subclass).toList(), state.warnings, state.options, captured);
    }

    /** The declaration a builder stands for, as capabilities name it. */
    private ConfigScope scopeOf(ScopeBuilder b) {
        return switch (b.kind) {
            case GLOBAL, CONDITIONAL -> ConfigScope.GLOBAL;
            case GROUP -> new ConfigScope(ConfigScope.Kind.GROUP, "");
            case SHARED_NETWORK -> new ConfigScope(ConfigScope.Kind.SHARED_NETWORK, b.name);
            case SUBNET -> new ConfigScope(ConfigScope.Kind.SUBNET, b.name);
            case POOL -> new ConfigScope(ConfigScope.Kind.POOL, poolIds.getOrDefault(b, ""));
            case HOST -> new ConfigScope(ConfigScope.Kind.HOST, b.name);
            case CLASS -> new ConfigScope(ConfigScope.Kind.CLASS, b.name);
            case SUBCLASS -> new ConfigScope(ConfigScope.Kind.SUBCLASS, b.name + ":" + b.subclassValue);
        };
    }

    private ScopeBuilder owningSubnet(ScopeBuilder net, ScopeBuilder pool) throws ConfigException {
        if (pool.ranges.isEmpty()) {
            throw new ConfigException(pool.pos, "expected a 'range' in the pool of shared-network " + net.name);
        }
        long first = pool.ranges.get(0).first();
        for (ScopeBuilder s : state.subnets) {
            if (s.sharedNetworkName().equals(Optional.of(net.name))
                    && (first & Ipv4.mask(s.prefixLength)) == s.network) {
                return s;
            }
        }
        throw new ConfigException(pool.ranges.get(0).pos(), "expected the range " + pool.ranges.get(0)
                + " to lie in a subnet of shared-network " + net.name);
    }

    private SubnetDecl subnet(ScopeBuilder s, List<ScopeBuilder> pools) {
        List<PoolDecl> decls = new ArrayList<>();
        for (ScopeBuilder p : pools) {
            String id = s.name + "#" + (decls.size() + 1);
            poolIds.put(p, id);
            decls.add(new PoolDecl(id, p.ranges, p.permits, p.params(), PoolDecl.spaceOf(p.permits), p.pos));
        }
        return new SubnetDecl(s.name, s.network, s.prefixLength, s.params(), s.groups(), s.sharedNetworkName(), decls,
                s.pos);
    }

    private SharedNetworkDecl sharedNetwork(ScopeBuilder s) {
        return new SharedNetworkDecl(s.name, s.params(), s.groups(), s.pos);
    }

    private HostDecl host(ScopeBuilder h) {
        return new HostDecl(h.name, Optional.ofNullable(h.hardware), Optional.ofNullable(h.clientId), h.fixedAddresses,
                h.params(), h.groups(), h.pos, Optional.ofNullable(h.hostIdentifier));
    }

    private ClassDecl classDecl(ScopeBuilder c) {
        return new ClassDecl(c.name, Optional.ofNullable(c.matchIf), Optional.ofNullable(c.match),
                Optional.ofNullable(c.spawnWith), limit(c), c.params(), c.pos);
    }

    private SubclassDecl subclass(ScopeBuilder s) {
        return new SubclassDecl(s.name, s.subclassValue, limit(s), s.params(), s.pos);
    }

    private static OptionalInt limit(ScopeBuilder s) {
        return s.leaseLimit == null ? OptionalInt.empty() : OptionalInt.of(s.leaseLimit);
    }
}
