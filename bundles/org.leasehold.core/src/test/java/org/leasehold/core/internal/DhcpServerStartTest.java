package org.leasehold.core.internal;

import org.leasehold.core.internal.capability.Capabilities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.transport.BindRefusedException;

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

    @Test
    void aPortAnotherServerHoldsFailsTheStartNamingAddressPortAndHolderAndReleasesTheJournal() throws Exception {
        int port = freePort();
        DhcpServer first = new DhcpServer(config(Map.of("port", port)), () -> null, new Capabilities());
        try {
            Path leases = dir.resolve("second");
            assertThatThrownBy(() -> new DhcpServer(config(Map.of("port", port, "leaseDir", leases.toString())),
                    () -> null, new Capabilities()))
                    .isInstanceOf(BindRefusedException.class)
                    .hasMessageContaining("127.0.0.1:" + port + "/udp")
                    .hasMessageContaining("Address already in use")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            // the refused server left its journal free, and the first still holds its socket alone
            try (JournalLeaseStore reopened = new JournalLeaseStore(leases)) {
                assertThat(reopened.size()).isZero();
            }
            assertThat(first.loopbackEndpoint()).isPresent();
        } finally {
            first.close();
        }
    }

    @Test
    void aPortHeldByAPlainSocketOfAnotherProgramIsRefusedToo() throws Exception {
        try (DatagramChannel other = DatagramChannel.open(StandardProtocolFamily.INET)) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
            assertThatThrownBy(() -> new DhcpServer(config(Map.of("port", port)), () -> null, new Capabilities()))
                    .isInstanceOf(BindRefusedException.class).hasMessageContaining(":" + port + "/udp");
        }
    }

    @Test
    void noDhcpdConfMeansNoServerAndNoJournalHeld() throws Exception {
        Path leases = dir.resolve("leases");
        assertThatThrownBy(() -> new DhcpServer(config(Map.of("leaseDir", leases.toString(),
                "configFile", dir.resolve("missing.conf").toString())), () -> null, new Capabilities()))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.conf")
                .hasMessageContaining("does not start without one");
        try (JournalLeaseStore reopened = new JournalLeaseStore(leases)) {
            assertThat(reopened.size()).isZero();
        }
    }

    @Test
    void theWildcardBesideAnotherEntryIsRefusedAsOverlapping() {
        assertThatThrownBy(() -> new DhcpServer(config(Map.of("listen", new String[] {"0.0.0.0", "127.0.0.1"})),
                () -> null, new Capabilities()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0.0.0 serves every interface");
    }

    private static int freePort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    private CoreConfig config(Map<String, Object> overrides) throws IOException {
        return TestCoreConfig.of(dir, overrides);
    }
}
