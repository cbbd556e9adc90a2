package org.leasehold.options.internal;

import java.util.Map;
import org.leasehold.testing.Configs;

/** The configurations of this bundle's handlers, for their tests (packets: {@link org.leasehold.testing.Packets}). */
final class HandlerConfigs {

    private HandlerConfigs() {
    }

    static UserOptionsConfig userOptions(boolean overwrite, boolean requestedOnly) {
        return Configs.of(UserOptionsConfig.class, Map.of("overwrite", overwrite, "requestedOnly", requestedOnly));
    }

    static UserIdConfig userId(int option) {
        return Configs.of(UserIdConfig.class, Map.of("option", option));
    }

    static PcscfConfig pcscf(boolean informOnly) {
        return Configs.of(PcscfConfig.class, Map.of("informOnly", informOnly));
    }
}
