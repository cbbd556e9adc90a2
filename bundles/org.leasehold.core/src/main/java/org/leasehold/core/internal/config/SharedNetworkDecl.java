package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;

/** {@code shared-network NAME { ... }}: its own parameters; subnets name it. Immutable. */
public record SharedNetworkDecl(String name, Params params, List<Params> groups, SourcePos pos) {

    public SharedNetworkDecl {
        groups = List.copyOf(groups);
    }
}
