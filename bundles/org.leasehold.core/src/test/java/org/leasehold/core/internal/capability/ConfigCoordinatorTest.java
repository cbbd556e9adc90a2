package org.leasehold.core.internal.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.config.ConfigParticipant;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigScope;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.config.ScopedStatement;

/** Capabilities read their dhcpd.conf statements, and veto a reload, through the coordinator. */
class ConfigCoordinatorTest {

    static final String CONF = """
            failover peer "fo" {
              primary;
              address 198.18.0.1;
              port 647;
              load balance max seconds 3;
            }
            key "k1" { algorithm hmac-sha256; secret "c2VjcmV0"; }
            ddns-update-style standard;
            allow client-updates;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              ddns-domainname "sub.test";
              pool {
                failover peer "fo";
                range 198.18.1.1 198.18.1.9;
              }
            }
            """;

    @TempDir
    Path dir;
    ConfigCoordinator coordinator;
    final Capabilities capabilities = new Capabilities();

    @AfterEach
    void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    /** A participant that names the failover peer's statements, refuses port 99, records what it applied. */
    static final class Peers implements ConfigParticipant {
        final List<Long> applied = new CopyOnWriteArrayList<>();

        @Override
        public Set<String> keywords() {
            return Set.of("failover");
        }

        @Override
        public List<ConfigProblem> validate(DhcpdConf c) {
            return c.statements("failover").stream().map(ScopedStatement::statement)
                    .flatMap(s -> s.children("port").stream())
                    .filter(p -> p.argument(0).orElseThrow().text().equals("99"))
                    .map(p -> ConfigProblem.at(p.argument(0).orElseThrow(), "expected a port other than 99")).toList();
        }

        @Override
        public void apply(DhcpdConf c) {
            applied.add(c.generation());
        }
    }

    private Path write(String text) throws Exception {
        Path f = dir.resolve("dhcpd.conf");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void capabilityStatementsAreKeptWithScopesPositionsAndPools() throws Exception {
        coordinator = new ConfigCoordinator(write(CONF), capabilities, () -> { });
        DhcpdConf c = coordinator.current();
        List<ScopedStatement> peers = c.statements("failover");
        assertThat(peers).hasSize(2);
        ConfigStatement peer = peers.get(0).statement();
        assertThat(peers.get(0).scope()).isEqualTo(ConfigScope.GLOBAL);
        assertThat(peer.startsWith("peer")).isTrue();
        assertThat(peer.argument(1).orElseThrow().text()).isEqualTo("fo");
        assertThat(peer.child("address").orElseThrow().argumentText()).isEqualTo("198.18.0.1");
        assertThat(peer.child("load").orElseThrow().argumentText()).isEqualTo("balance max seconds 3");
        assertThat(peer.position().line()).isEqualTo(1);
        assertThat(peers.get(1).scope()).isEqualTo(new ConfigScope(ConfigScope.Kind.POOL, "198.18.0.0/16#1"));
        PoolInfo pool = c.pool("198.18.0.0/16#1").orElseThrow();
        assertThat(pool.statements()).extracting(ConfigStatement::toString).containsExactly("failover peer \"fo\";");
        assertThat(pool.size()).isEqualTo(9);
        assertThat(c.statements("key").get(0).statement().child("secret").orElseThrow().argument(0).orElseThrow().text())
                .isEqualTo("c2VjcmV0");
        assertThat(c.statements("client-updates").get(0).statement().argumentText()).isEqualTo("allow");
        assertThat(c.statements("ddns-domainname").get(0).scope())
                .isEqualTo(new ConfigScope(ConfigScope.Kind.SUBNET, "198.18.0.0/16"));
        assertThat(c.parameters("198.18.0.0/16", "198.18.0.0/16#1").get("ddns-domainname")).contains("sub.test");
        assertThat(c.parameters("198.18.0.0/16", "").get("ddns-update-style")).contains("standard");
        assertThat(c.parameters("198.18.0.0/16", "").flag("client-updates")).contains(true);
    }

    @Test
    void aParticipantRefusesAReloadAndTheRunningConfigurationStays() throws Exception {
        Path file = write(CONF);
        Peers peers = new Peers();
        capabilities.bindParticipant(peers, Map.of("leasehold.name", "peers"));
        coordinator = new ConfigCoordinator(file, capabilities, () -> { });
        coordinator.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.applied.size() == 1);
        Files.writeString(file, CONF.replace("port 647", "port 99"));
        List<ConfigProblem> problems = coordinator.reload();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.toString()).contains("dhcpd.conf:4:8: expected a port other than 99");
        });
        assertThat(coordinator.current().generation()).isEqualTo(1);
        assertThat(coordinator.current().statements("failover").get(0).statement().child("port").orElseThrow()
                .argumentText()).isEqualTo("647");
        Files.writeString(file, CONF.replace("port 647", "port 648"));
        assertThat(coordinator.reload()).isEmpty();
        assertThat(coordinator.current().generation()).isEqualTo(2);
        assertThat(peers.applied).containsExactly(1L, 2L);
    }

    @Test
    void aParticipantArrivingWithObjectionsIsRefusedAndNamedWhileTheServerServes() throws Exception {
        coordinator = new ConfigCoordinator(write(CONF.replace("port 647", "port 99")), capabilities, () -> { });
        coordinator.start();
        assertThat(coordinator.warnings(coordinator.current().config()))
                .anySatisfy(w -> assertThat(w.statement()).isEqualTo("failover"));
        Peers peers = new Peers();
        capabilities.bindParticipant(peers, Map.of("leasehold.name", "peers"));
        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.refusals().containsKey("peers"));
        assertThat(peers.applied).isEmpty();
        assertThat(coordinator.warnings(coordinator.current().config()))
                .noneSatisfy(w -> assertThat(w.statement()).isEqualTo("failover"));
    }

    @Test
    void applyWritesTheFileOnlyWhenEveryoneAcceptsIt() throws Exception {
        Path file = write(CONF);
        capabilities.bindParticipant(new Peers(), Map.of("leasehold.name", "peers"));
        coordinator = new ConfigCoordinator(file, capabilities, () -> { });
        assertThat(coordinator.apply(CONF.replace("port 647", "port 99"))).hasSize(1);
        assertThat(Files.readString(file)).isEqualTo(CONF);
        assertThat(coordinator.apply("subnet 198.18.0.0 netmask 255.255.0.0 {\n  range 198.18.1.1 nonsense;\n}\n"))
                .singleElement().satisfies(p -> assertThat(p.position().line()).isEqualTo(2));
        assertThat(coordinator.apply(CONF.replace("port 647", "port 649"))).isEmpty();
        assertThat(Files.readString(file)).contains("port 649");
        assertThat(coordinator.current().generation()).isEqualTo(2);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}
