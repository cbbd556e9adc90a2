package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;
import java.util.Optional;
import org.leasehold.core.internal.value.Bytes;

/**
 * {@code host NAME { ... }}. {@code hardware} is htype followed by the MAC (the form ISC's
 * {@code hardware} expression yields); {@code clientId} is the option 61 value; {@code identifier}
 * is ISC's {@code host-identifier option NAME VALUE} (the host matches a packet carrying that option
 * with that value). Immutable.
 */
public record HostDecl(String name, Optional<Bytes> hardware, Optional<Bytes> clientId, List<Long> fixedAddresses,
        Params params, List<Params> groups, SourcePos pos, Optional<OptionSetting> identifier) {

    public HostDecl {
        fixedAddresses = List.copyOf(fixedAddresses);
        groups = List.copyOf(groups);
    }

    public HostDecl(String name, Optional<Bytes> hardware, Optional<Bytes> clientId, List<Long> fixedAddresses,
            Params params, List<Params> groups, SourcePos pos) {
        this(name, hardware, clientId, fixedAddresses, params, groups, pos, Optional.empty());
    }
}
