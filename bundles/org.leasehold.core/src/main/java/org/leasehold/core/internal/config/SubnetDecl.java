package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.value.Ipv4;
import java.util.Optional;

/**
 * {@code subnet NET netmask MASK { ... }}. {@code groups} holds the parameters of enclosing
 * {@code group} blocks, outermost first. {@code id} is "NET/PREFIX". Immutable.
 */
public record SubnetDecl(String id, long network, int prefixLength, Params params, List<Params> groups,
        Optional<String> sharedNetwork, List<PoolDecl> pools, SourcePos pos) {

    public SubnetDecl {
        groups = List.copyOf(groups);
        pools = List.copyOf(pools);
    }

    public boolean contains(long address) {
        return (address & Ipv4.mask(prefixLength)) == network;
    }

    public long netmask() {
        return Ipv4.mask(prefixLength);
    }
}
