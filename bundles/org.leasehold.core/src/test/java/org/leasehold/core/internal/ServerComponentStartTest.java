package org.leasehold.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/**
 * Activation opens the journal on a thread of its own while it reads the configuration, starts the
 * event loops and rehearses: a start leaves no store or file lock behind when it fails, and the
 * rehearsal never reaches the real store or the served sockets' counters.
 */
class ServerComponentStartTest {

    @TempDir
    Path dir;

    @Test
    void aStartServesAnEmptyStoreTheRehearsalLeftUntouched() throws Exception {
        ServerComponent server = new ServerComponent(config(Map.of()));
        try {
            assertThat(server.leases().size()).isZero();
            Map<String, String> status = server.status();
            assertThat(status).containsEntry("packets.received", "0").containsEntry("packets.sent", "0");
            assertThat(server.loopbackEndpoint()).isPresent();
        } finally {
            server.deactivate();
        }
    }

    @Test
    void aJournalInUseFailsTheStartAndLeavesTheStoreUsable() throws Exception {
        Path leases = dir.resolve("leases");
        try (JournalLeaseStore holder = new JournalLeaseStore(leases)) {
            assertThatThrownBy(() -> new ServerComponent(config(Map.of("leaseDir", leases.toString()))))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        ServerComponent again = new ServerComponent(config(Map.of("leaseDir", leases.toString())));
        again.deactivate();
    }

    @Test
    void aBadListenEntryFailsTheStartAfterTheReplayAndReleasesTheJournal() throws Exception {
        Path leases = dir.resolve("leases");
        assertThatThrownBy(() -> new ServerComponent(config(Map.of("leaseDir", leases.toString(),
                "listen", new String[] {"no-such-interface0"}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listen");
        try (JournalLeaseStore reopened = new JournalLeaseStore(leases)) {
            assertThat(reopened.size()).isZero();
        }
    }

    /** CoreConfig with its defaults, loopback on an ephemeral port, files under the temp folder. */
    private CoreConfig config(Map<String, Object> overrides) throws IOException {
        Path conf = dir.resolve("dhcpd.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }\n");
        }
        Map<String, Object> values = new java.util.HashMap<>(Map.of("port", 0, "clientPort", 0,
                "configFile", conf.toString(), "leaseDir", dir.resolve("data").toString(), "threads", 1));
        values.putAll(overrides);
        return (CoreConfig) Proxy.newProxyInstance(CoreConfig.class.getClassLoader(), new Class<?>[] {CoreConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> CoreConfig.class;
                    case "toString" -> "CoreConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
