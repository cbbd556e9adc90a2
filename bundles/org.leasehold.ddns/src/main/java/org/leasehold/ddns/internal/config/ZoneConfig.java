package org.leasehold.ddns.internal.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.leasehold.api.config.SourcePosition;

/**
 * One {@code zone NAME { primary A; secondary B; key K; }} declaration. Updates go to the primary and,
 * when it does not answer, to the secondaries in order. Immutable.
 *
 * @param name     the zone, canonical ({@link DdnsSettings#canonical})
 * @param servers  primary servers first, then secondaries; never empty
 * @param key      the TSIG key updates are signed with; empty for unsigned updates
 * @param position where the declaration is, for messages
 */
public record ZoneConfig(String name, List<InetSocketAddress> servers, Optional<TsigKey> key, SourcePosition position) {

    public ZoneConfig {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a zone needs a server");
        }
    }
}
