package org.leasehold.core.internal;

import org.leasehold.core.internal.capability.Capabilities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/**
 * A start opens the journal on a thread of its own while it reads the configuration, starts the
 * event loops and rehearses: a start leaves no store or file lock behind when it fails, and the
 * rehearsal never reaches the real store or the served sockets' counters.
 */
class DhcpServerStartTest {

    @TempDir
    Path dir;

    @Test
    void aStartServesAnEmptyStoreTheRehearsalLeftUntouched() throws Exception {
        DhcpServer server = new DhcpServer(config(Map.of()), () -> null, new Capabilities());
        try {
            assertThat(server.leases().size()).isZero();
            Map<String, String> status = server.status();
            assertThat(status).containsEntry("packets.received", "0").containsEntry("packets.sent", "0")
                    .containsEntry("journal.fsyncs", "0").containsEntry("journal.slow-fsyncs", "0");
            assertThat(server.loopbackEndpoint()).isPresent();
        } finally {
            server.close();
        }
    }

    @Test
    void aJournalInUseFailsTheStartAndLeavesTheStoreUsable() throws Exception {
        Path leases = dir.resolve("leases");
        try (JournalLeaseStore holder = new JournalLeaseStore(leases)) {
            assertThatThrownBy(() -> new DhcpServer(config(Map.of("leaseDir", leases.toString())), () -> null, new Capabilities()))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        DhcpServer again = new DhcpServer(config(Map.of("leaseDir", leases.toString())), () -> null, new Capabilities());
        again.close();
    }

    @Test
    void aBadListenEntryFailsTheStartAfterTheReplayAndReleasesTheJournal() throws Exception {
        Path leases = dir.resolve("leases");
        assertThatThrownBy(() -> new DhcpServer(config(Map.of("leaseDir", leases.toString(),
                "listen", new String[] {"no-such-interface0"})), () -> null, new Capabilities()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listen");
        try (JournalLeaseStore reopened = new JournalLeaseStore(leases)) {
            assertThat(reopened.size()).isZero();
        }
    }

    private CoreConfig config(Map<String, Object> overrides) throws IOException {
        return TestCoreConfig.of(dir, overrides);
    }
}
