package org.leasehold.api.config;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One loaded dhcpd.conf, as the capabilities see it. A reload makes a new instance; an instance never
 * changes. Implemented by the core; thread-safe; calls never block.
 */
@ProviderType
public interface DhcpdConf {

    /** The file the configuration was read from (its includes are part of it). */
    String source();

    /** Increases with every configuration the server accepts (1 for the first). */
    long generation();

    /**
     * Every capability statement with this keyword, with the declaration it is in, in file order
     * (statements inside {@code if} blocks are not listed: they apply per packet, through
     * {@link ConfigParameters}). Parameter statements the core also stores as parameters
     * ({@code ddns-domainname "x";}) are listed too, with their positions; {@code allow|deny|ignore FLAG;}
     * is listed under the keyword {@code FLAG} with the verb as its one argument.
     */
    List<ScopedStatement> statements(String keyword);

    /** Every pool, in file order. */
    List<PoolInfo> pools();

    /** The pool with this id. */
    default Optional<PoolInfo> pool(String id) {
        return pools().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The parameters in force for a lease of this subnet and pool, with no packet to match classes or
     * conditions against (expiry, operator actions): pool, subnet, shared-network, groups, global.
     * Unknown ids resolve to the global scope.
     */
    ConfigParameters parameters(String subnetId, String poolId);
}
