package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

class LeaseFormatsTest {

    private static final long STARTS = Instant.parse("2026-11-26T10:00:00Z").getEpochSecond(); // a Thursday

    private static Lease sample() throws Exception {
        HardwareAddress hw = HardwareAddress.parse("02:00:00:00:0a:01");
        return Lease.builder(LeaseKey.of((java.net.Inet4Address) InetAddress.getByName("198.51.100.10")))
                .state(LeaseState.ACTIVE).client(ClientKey.ofHardware(1, hw.bytes())).hardware(hw)
                .start(STARTS).end(STARTS + 12 * 3600).hostname("print\"er").subnet("198.51.100.0/24")
                .relayAgentInfo(new byte[] {1, 4, 'e', 't', 'h', '0', 2, 2, 0, 7, 9, 1, 1})
                .classes(Set.of("b", "a")).build();
    }

    @Test
    void writesIscDhcpdLeaseDeclaration() throws Exception {
        assertThat(DhcpdLeasesFormat.format(sample())).isEqualTo("""
                lease 198.51.100.10 {
                  starts 4 2026/11/26 10:00:00;
                  ends 4 2026/11/26 22:00:00;
                  cltt 4 2026/11/26 10:00:00;
                  binding state active;
                  hardware ethernet 02:00:00:00:0a:01;
                  uid "\\001\\002\\000\\000\\000\\012\\001";
                  option agent.circuit-id "eth0";
                  option agent.remote-id "\\000\\007";
                  client-hostname "print\\"er";
                }
                """);
    }

    @Test
    void writesInfiniteBootpLeaseInOtherSpace() throws Exception {
        Lease l = sample().toBuilder().end(Lease.NEVER).bootp(true).client(null).relayAgentInfo(null)
                .hostname("").build();
        Lease spaced = new Lease(new LeaseKey("voip", l.key().address()), l.state(), null, null, 0, Lease.NEVER,
                "", "", "", null, null, false);
        String text = DhcpdLeasesFormat.format(l);
        assertThat(text).contains("  ends never;\n").contains("  dynamic-bootp;\n").doesNotContain("uid")
                .doesNotContain("client-hostname");
        assertThat(DhcpdLeasesFormat.format(spaced)).startsWith("# space voip\nlease 198.51.100.10 {\n")
                .contains("starts 4 1970/01/01 00:00:00;").doesNotContain("hardware");
    }

    @Test
    void writesJsonWithEscapesAndNulls() throws Exception {
        String json = LeaseJson.toJson(sample());
        assertThat(json).isEqualTo("{\"address\":\"198.51.100.10\",\"space\":\"\",\"state\":\"active\","
                + "\"clientId\":\"01:02:00:00:00:0a:01\",\"hardware\":\"02:00:00:00:0a:01\",\"htype\":1,"
                + "\"starts\":\"2026-11-26T10:00:00Z\",\"ends\":\"2026-11-26T22:00:00Z\","
                + "\"startEpochSecond\":" + STARTS + ",\"endEpochSecond\":" + (STARTS + 43200) + ","
                + "\"hostname\":\"print\\\"er\",\"subnet\":\"198.51.100.0/24\",\"pool\":\"\","
                + "\"relayAgentInfo\":\"01:04:65:74:68:30:02:02:00:07:09:01:01\",\"classes\":[\"a\",\"b\"],"
                + "\"bootp\":false}");
        Lease bare = Lease.builder(TestLeases.key(1)).end(Lease.NEVER).build();
        assertThat(LeaseJson.toJson(bare)).contains("\"clientId\":null,\"hardware\":null,\"htype\":null")
                .contains("\"ends\":null").contains("\"endEpochSecond\":null").contains("\"relayAgentInfo\":null");
    }

    @Test
    void writesJsonArray() throws Exception {
        StringBuilder sb = new StringBuilder();
        LeaseJson.writeArray(List.of(), sb);
        assertThat(sb).hasToString("[]\n");
        sb.setLength(0);
        LeaseJson.writeArray(List.of(TestLeases.active(1, 1), TestLeases.active(2, 2)), sb);
        assertThat(sb.toString()).startsWith("[\n{\"address\":\"10.0.0.1\"").contains("},\n{\"address\":\"10.0.0.2\"")
                .endsWith("}\n]\n");
    }

    @Test
    void exportsFilesSortedAndAtomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dhcpd.leases");
        LeaseExport.writeFile(List.of(TestLeases.active(300, 1), TestLeases.active(2, 1)),
                LeaseExport.Format.DHCPD_LEASES, file);
        String text = Files.readString(file);
        assertThat(text).startsWith(DhcpdLeasesFormat.header());
        assertThat(text.indexOf("lease 10.0.0.2 ")).isLessThan(text.indexOf("lease 10.0.1.44 "));
        LeaseExport.writeFile(List.of(TestLeases.active(5, 1)), LeaseExport.Format.JSON, file);
        assertThat(Files.readString(file)).startsWith("[\n{\"address\":\"10.0.0.5\"");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
