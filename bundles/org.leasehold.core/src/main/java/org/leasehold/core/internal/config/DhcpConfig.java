package org.leasehold.core.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parsed, validated dhcpd.conf. Every subnet is listed flat (also those inside shared-networks).
 * Immutable and safe to share; a reload produces a new instance.
 */
public record DhcpConfig(Params global, List<SharedNetworkDecl> sharedNetworks, List<SubnetDecl> subnets,
        List<HostDecl> hosts, List<ClassDecl> classes, List<SubclassDecl> subclasses,
        List<ConfigWarning> warnings, OptionResolver options) {

    public DhcpConfig {
        sharedNetworks = List.copyOf(sharedNetworks);
        subnets = List.copyOf(subnets);
        hosts = List.copyOf(hosts);
        classes = List.copyOf(classes);
        subclasses = List.copyOf(subclasses);
        warnings = List.copyOf(warnings);
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
