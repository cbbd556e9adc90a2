package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

/** What dhcp:lease-export writes, dhcp:lease-import reads back; a bad line is named FILE:LINE. */
class LeaseFilesTest {

    @TempDir
    Path dir;

    static List<Lease> sample() {
        List<Lease> out = new ArrayList<>();
        out.add(TestLeases.full(1));
        out.add(TestLeases.active(2, 600).toBuilder().variables(Map.of("ddns-fwd-name", "a \"b\"\\c"))
                .hostname("h\u00e9\t").build());
        out.add(TestLeases.active(3, 60).toBuilder().state(LeaseState.RELEASED).client(null).hardware(null).build());
        out.add(TestLeases.active(4, 60).toBuilder().end(Lease.NEVER).bootp(true).build());
        out.add(Lease.builder(new LeaseKey("voip", TestLeases.address(5))).state(LeaseState.FREE).build());
        return out;
    }

    @Test
    void jsonExportReadsBackExactly() throws Exception {
        Path file = dir.resolve("leases.json");
        LeaseExport.writeFile(sample(), LeaseExport.Format.JSON, file);
        assertThat(LeaseFiles.read(file)).containsExactlyInAnyOrderElementsOf(sample());
        Path empty = dir.resolve("empty.json");
        LeaseExport.writeFile(List.of(), LeaseExport.Format.JSON, empty);
        assertThat(LeaseFiles.read(empty)).isEmpty();
    }

    @Test
    void dhcpdExportReadsBackWithWhatTheFormatCarries() throws Exception {
        Path file = dir.resolve("dhcpd.leases");
        LeaseExport.writeFile(sample(), LeaseExport.Format.DHCPD_LEASES, file);
        List<Lease> back = LeaseFiles.read(file);
        assertThat(back).hasSize(sample().size());
        for (Lease l : back) {
            Lease original = sample().stream().filter(o -> o.key().equals(l.key())).findFirst().orElseThrow();
            // dhcpd.leases has no subnet, pool or classes
            assertThat(l).isEqualTo(original.toBuilder().subnet("").pool("").classes(null).build());
        }
    }

    @Test
    void aBadLineIsNamedWithTheFileAndNothingIsReturned() throws Exception {
        Path leases = dir.resolve("bad.leases");
        Files.writeString(leases, "lease 198.51.100.1 {\n  starts 4 2026/01/01 00:00:00;\n}\n"
                + "lease 198.51.100.2 {\n  binding state bound;\n}\n");
        assertThatThrownBy(() -> LeaseFiles.read(leases)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(leases + ":5: ").hasMessageContaining("bound");
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "[\n{\"address\":\"198.51.100.1\",\"state\":\"active\"},\n"
                + "{\"address\":\"198.51.100.2\",\"state\":\"bogus\"}\n]\n");
        assertThatThrownBy(() -> LeaseFiles.read(json)).hasMessageStartingWith(json + ":3: ")
                .hasMessageContaining("unknown binding state 'bogus'");
        Files.writeString(json, "[\n{\"address\":\"198.51.100.1\",\"state\":\"active\"}\n{\"address\"");
        assertThatThrownBy(() -> LeaseFiles.read(json)).hasMessageStartingWith(json + ":3: ");
    }
}
