package org.leasehold.failover.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigScope;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.api.config.ConfigToken;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.config.ScopedStatement;

/**
 * Reads every {@code failover} statement of a dhcpd.conf: the {@code failover peer "NAME" { ... }}
 * declarations (global, group or shared-network scope) and the {@code failover peer "NAME";}
 * references that put a pool (directly, or through its shared-network) under a relationship, and the
 * server farm's {@code server-hba}.
 * Stateless.
 */
public final class FailoverConfigReader {

    private static final Set<ConfigScope.Kind> DECLARE_IN =
            Set.of(ConfigScope.Kind.GLOBAL, ConfigScope.Kind.GROUP, ConfigScope.Kind.SHARED_NETWORK);
    private static final Set<ConfigScope.Kind> REFER_IN = Set.of(ConfigScope.Kind.POOL, ConfigScope.Kind.SHARED_NETWORK);

    private FailoverConfigReader() {
    }

    public static FailoverConf read(DhcpdConf conf) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, PeerConfig> peers = new LinkedHashMap<>();
        Map<String, ConfigStatement> declared = new HashMap<>();
        for (ScopedStatement ss : conf.statements("failover")) {
            ConfigStatement s = ss.statement();
            Optional<String> name = peerName(s, problems);
            if (name.isEmpty()) {
                continue;
            }
            if (s.hasBlock()) {
                if (s.arguments().size() > 2) {
                    problems.add(ConfigProblem.at(s.arguments().get(2), s.arguments().get(2).is("state")
                            ? "failover state declarations are not read from dhcpd.conf: Leasehold journals the"
                                    + " state itself"
                            : "expected '{' after the peer name, found " + s.arguments().get(2).describe()));
                    continue;
                }
                if (!DECLARE_IN.contains(ss.scope().kind())) {
                    problems.add(ConfigProblem.at(s, "failover peer declarations belong at the top level, in a group"
                            + " or a shared-network, not in " + ss.scope()));
                    continue;
                }
                ConfigStatement first = declared.putIfAbsent(name.get(), s);
                if (first != null) {
                    problems.add(ConfigProblem.at(s, "redeclaration of failover peer \"" + name.get()
                            + "\" (first declared at " + first.position() + ")"));
                    continue;
                }
                PeerConfig p = new PeerBlockReader(name.get(), problems).read(s);
                if (p != null) {
                    peers.put(p.name(), p);
                }
            } else if (s.arguments().size() != 2) {
                problems.add(ConfigProblem.at(s, "expected 'failover peer \"NAME\";' or 'failover peer \"NAME\" { ... }'"));
            } else if (!REFER_IN.contains(ss.scope().kind())) {
                problems.add(ConfigProblem.at(s, "failover peer references belong in a pool or a shared-network,"
                        + " not in " + ss.scope()));
            }
        }
        checkEndpoints(peers.values(), problems);
        Map<String, String> poolPeer = new HashMap<>();
        for (PoolInfo pool : conf.pools()) {
            reference(conf, pool).ifPresent(ref -> {
                String name = ref.arguments().get(1).text();
                if (!declared.containsKey(name)) {
                    problems.add(ConfigProblem.at(ref.arguments().get(1), "reference to unknown failover peer \""
                            + name + "\""));
                } else if (peers.containsKey(name)) {
                    poolPeer.put(pool.id(), name);
                }
            });
        }
        Hba farm = FarmConfigReader.read(conf, problems);
        return new FailoverConf(List.copyOf(peers.values()), poolPeer, farm, problems);
    }

    /** The innermost {@code failover peer "NAME";} in force for the pool, if any. */
    private static Optional<ConfigStatement> reference(DhcpdConf conf, PoolInfo pool) {
        return conf.parameters(pool.subnet(), pool.id()).statements("failover").stream()
                .filter(s -> !s.hasBlock() && s.arguments().size() == 2 && s.startsWith("peer")).findFirst();
    }

    private static Optional<String> peerName(ConfigStatement s, List<ConfigProblem> problems) {
        if (!s.startsWith("peer")) {
            problems.add(ConfigProblem.at(s, "expected 'failover peer \"NAME\" ...'"
                    + s.argument(0).map(t -> ", found " + t.describe()).orElse("")));
            return Optional.empty();
        }
        Optional<ConfigToken> name = s.argument(1);
        if (name.isEmpty() || name.get().kind() == ConfigToken.Kind.PUNCT || name.get().text().isEmpty()) {
            problems.add(ConfigProblem.at(s, "expected a failover peer name after 'failover peer'"));
            return Optional.empty();
        }
        return Optional.of(name.get().text());
    }

    /** Two relationships on one local address and port could not tell their partners apart. */
    private static void checkEndpoints(Iterable<PeerConfig> peers, List<ConfigProblem> problems) {
        Map<String, PeerConfig> byEndpoint = new HashMap<>();
        for (PeerConfig p : peers) {
            String key = (p.address() == null ? "*" : p.address().getHostAddress()) + ":" + p.port();
            PeerConfig other = byEndpoint.putIfAbsent(key, p);
            if (other != null) {
                problems.add(new ConfigProblem(p.position(), "failover peer \"" + p.name() + "\" listens on " + key
                        + " like failover peer \"" + other.name() + "\" (" + other.position()
                        + "): give each relationship a port of its own"));
            }
        }
    }
}
