package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;
import java.util.Optional;
import org.leasehold.core.internal.value.Bytes;

/**
 * {@code host NAME { ... }}. {@code hardware} is htype followed by the MAC (the form ISC's
 * {@code hardware} expression yields); {@code clientId} is the option 61 value. Immutable.
 */
public record HostDecl(String name, Optional<Bytes> hardware, Optional<Bytes> clientId, List<Long> fixedAddresses,
        Params params, List<Params> groups, SourcePos pos) {

    public HostDecl {
        fixedAddresses = List.copyOf(fixedAddresses);
        groups = List.copyOf(groups);
    }
}
