package org.leasehold.failover.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.config.ConfigProblem;

/**
 * What the failover statements of one dhcpd.conf say: the peers declared, which pools each serves, and
 * the problems that make the file unacceptable. Immutable.
 *
 * @param peers    the declarations, in file order
 * @param poolPeer pool id to the name of the peer it is shared with; pools without failover are absent
 * @param farm     the server-level hash bucket assignment ({@code server-hba}); null: every client
 * @param problems empty when the statements are acceptable
 */
public record FailoverConf(List<PeerConfig> peers, Map<String, String> poolPeer, Hba farm,
        List<ConfigProblem> problems) {

    public static final FailoverConf NONE = new FailoverConf(List.of(), Map.of(), null, List.of());

    public FailoverConf {
        peers = List.copyOf(peers);
        poolPeer = Map.copyOf(poolPeer);
        problems = List.copyOf(problems);
    }

    public Optional<PeerConfig> peer(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The ids of the pools shared with {@code peerName}. */
    public List<String> pools(String peerName) {
        return poolPeer.entrySet().stream().filter(e -> e.getValue().equals(peerName)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    public boolean isEmpty() {
        return peers.isEmpty() && poolPeer.isEmpty() && farm == null;
    }
}
