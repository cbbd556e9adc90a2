package org.leasehold.core.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.leasehold.api.config.ScopedStatement;
import org.leasehold.core.internal.syntax.ConfigWarning;

/**
 * A parsed, validated dhcpd.conf. Every subnet is listed flat (also those inside shared-networks).
 * Immutable and safe to share; a reload produces a new instance.
 */
public record DhcpConfig(Params global, List<SharedNetworkDecl> sharedNetworks, List<SubnetDecl> subnets,
        List<HostDecl> hosts, List<ClassDecl> classes, List<SubclassDecl> subclasses,
        List<ConfigWarning> warnings, OptionResolver options, List<ScopedStatement> capabilityStatements) {

    public DhcpConfig {
        sharedNetworks = List.copyOf(sharedNetworks);
        subnets = List.copyOf(subnets);
        hosts = List.copyOf(hosts);
        classes = List.copyOf(classes);
        subclasses = List.copyOf(subclasses);
        warnings = List.copyOf(warnings);
        capabilityStatements = List.copyOf(capabilityStatements);
    }

    /** The capability statements with this keyword (lower case), in file order. */
    public List<ScopedStatement> capabilityStatements(String keyword) {
        return capabilityStatements.stream().filter(s -> s.statement().keyword().equals(keyword)).toList();
    }

    /**
     * The warnings that remain when the statements with these keywords are read by a capability: a
     * warning names its statement ({@code failover}, {@code allow client-updates}).
     */
    public List<ConfigWarning> warningsBesides(Set<String> claimed) {
        if (claimed.isEmpty()) {
            return warnings;
        }
        return warnings.stream().filter(w -> !claimed.contains(w.statement())
                && claimed.stream().noneMatch(k -> w.statement().endsWith(" " + k))).toList();
    }

    public Optional<ClassDecl> classNamed(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<SharedNetworkDecl> sharedNetwork(String name) {
        return sharedNetworks.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The subnets on the same link as {@code subnet}: its shared-network's subnets, or itself. */
    public List<SubnetDecl> linkOf(SubnetDecl subnet) {
        if (subnet.sharedNetwork().isEmpty()) {
            return List.of(subnet);
        }
        return subnets.stream().filter(s -> s.sharedNetwork().equals(subnet.sharedNetwork())).toList();
    }

    public Map<String, SubnetDecl> subnetsById() {
        return subnets.stream().collect(Collectors.toUnmodifiableMap(SubnetDecl::id, Function.identity()));
    }
}
