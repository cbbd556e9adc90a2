package org.leasehold.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.core.internal.lease.JournalLeaseStore;

class LeaseCommandsTest {

    @TempDir
    Path dir;

    private JournalLeaseStore store;

    @BeforeEach
    void fill() throws Exception {
        store = new JournalLeaseStore(dir);
        for (int i = 1; i <= 30; i++) {
            HardwareAddress hw = HardwareAddress.parse(String.format("02:00:00:00:00:%02x", i));
            Lease l = Lease.builder(LeaseKey.of((Inet4Address) InetAddress.getByName("198.51.100." + i)))
                    .state(i % 2 == 0 ? LeaseState.ACTIVE : LeaseState.FREE)
                    .client(ClientKey.ofHardware(1, hw.bytes())).hardware(hw).start(1_795_000_000L)
                    .end(1_795_003_600L).hostname("pc" + i).subnet("198.51.100.0/24").build();
            store.commit(l).toCompletableFuture().join();
        }
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private static String capture(ThrowingRender r) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.render(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingRender {
        void render(PrintStream out) throws Exception;
    }

    private LeaseListCommand list() {
        LeaseListCommand c = new LeaseListCommand();
        c.store = store;
        return c;
    }

    @Test
    void listsFilteredPage() throws Exception {
        LeaseListCommand c = list();
        c.state = "active";
        c.limit = 5;
        String out = capture(c::render);
        assertThat(out).contains("198.51.100.2 ").contains("198.51.100.10 ").doesNotContain("198.51.100.1 ")
                .doesNotContain("198.51.100.12 ").contains("Showing 1-5 of 15");
    }

    @Test
    void listsJsonByMac() throws Exception {
        LeaseListCommand c = list();
        c.mac = "02:00:00:00:00:07";
        c.json = true;
        assertThat(capture(c::render)).startsWith("[\n{\"address\":\"198.51.100.7\"").endsWith("}\n]\n");
    }

    @Test
    void listsDhcpdLeasesBySubnetPaged() throws Exception {
        LeaseListCommand c = list();
        c.subnet = "198.51.100.0/24";
        c.dhcpd = true;
        c.offset = 28;
        String out = capture(c::render);
        assertThat(out).startsWith("# The format of this file").contains("lease 198.51.100.29 {")
                .contains("lease 198.51.100.30 {").doesNotContain("lease 198.51.100.28 {");
    }

    @Test
    void saysWhenNothingMatches() throws Exception {
        LeaseListCommand c = list();
        c.hostname = "printer";
        assertThat(capture(c::render)).contains("No leases match");
    }

    @Test
    void showsOneLease() throws Exception {
        LeaseShowCommand c = new LeaseShowCommand();
        c.store = store;
        c.address = "198.51.100.4";
        assertThat(capture(c::render)).contains("active").contains("02:00:00:00:00:04").contains("pc4");
        c.dhcpd = true;
        assertThat(capture(c::render)).startsWith("lease 198.51.100.4 {").contains("binding state active;");
        c.dhcpd = false;
        c.json = true;
        assertThat(capture(c::render)).startsWith("{\"address\":\"198.51.100.4\"");
        c.address = "198.51.100.99";
        assertThat(capture(c::render)).contains("No lease for 198.51.100.99");
        c.address = "host.example";
        assertThatThrownBy(() -> capture(c::render)).hasMessageContaining("not an IPv4 address");
    }

    @Test
    void exportWritesEveryLeaseInEitherFormatWithTheFormatBeforeOrAfterTheFile() throws Exception {
        LeaseExportCommand c = new LeaseExportCommand();
        c.store = store;
        c.file = dir.resolve("all.json").toString();
        assertThat(capture(c::run)).contains("Exported 30 leases to " + c.file + " (json)");
        assertThat(org.leasehold.core.internal.lease.LeaseFiles.read(Path.of(c.file)))
                .containsExactlyInAnyOrderElementsOf(store.all());
        c.file = dir.resolve("all.leases").toString();
        c.trailing = java.util.List.of("--format", "dhcpd");
        assertThat(capture(c::run)).contains("Exported 30 leases", "(dhcpd)");
        assertThat(java.nio.file.Files.readString(Path.of(c.file))).contains("lease 198.51.100.30 {");
        c.trailing = java.util.List.of("--format", "xml");
        assertThatThrownBy(() -> capture(c::run)).hasMessageContaining("expected json or dhcpd, not 'xml'");
        c.trailing = java.util.List.of("extra");
        assertThatThrownBy(() -> capture(c::run)).hasMessageContaining("expected FILE [--format json|dhcpd]");
    }
}
