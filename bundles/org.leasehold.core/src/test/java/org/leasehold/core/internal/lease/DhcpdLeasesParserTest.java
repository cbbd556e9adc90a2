package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

class DhcpdLeasesParserTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = DhcpdLeasesParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long utc(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @Test
    void readsAnIscLeaseFileKeepingTheLastDeclaration() throws IOException {
        List<Lease> leases = DhcpdLeasesParser.parse(resource("isc-dhcpd.leases"));
        assertThat(leases).extracting(l -> l.key().toString())
                .containsExactly("198.51.100.21", "198.51.100.22", "198.51.100.23", "198.51.100.20");

        Lease renewed = leases.get(3);
        assertThat(renewed.state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(renewed.startEpochSecond()).isEqualTo(utc("2026-11-26T12:00:00Z"));
        assertThat(renewed.endEpochSecond()).isEqualTo(utc("2026-11-26T13:00:00Z"));
        assertThat(renewed.hostname()).isEqualTo("new-name");
        assertThat(renewed.client()).isEqualTo(ClientKey.parse("01:02:00:00:00:0a:14"));
        assertThat(renewed.hardware()).isEqualTo(HardwareAddress.parse("02:00:00:00:0a:14"));
        assertThat(renewed.bootp()).isTrue();

        Lease free = leases.get(0);
        assertThat(free.state()).isEqualTo(LeaseState.FREE);
        assertThat(free.endEpochSecond()).isEqualTo(Lease.NEVER);
        assertThat(free.hardware().htype()).isEqualTo(6);
        assertThat(free.client()).isNull();

        Lease epoch = leases.get(1);
        assertThat(epoch.startEpochSecond()).isEqualTo(1_795_000_000L);
        assertThat(epoch.endEpochSecond()).isEqualTo(1_795_003_600L);
        assertThat(epoch.hardware()).isEqualTo(HardwareAddress.parse("02:00:00:00:0a:16"));
        assertThat(epoch.client()).isEqualTo(ClientKey.parse("01:02:00:00:00:0a:16"));
        assertThat(epoch.hostname()).isEqualTo("café");
        assertThat(epoch.relayAgentInfo()).containsExactly(1, 8, 'e', 't', 'h', '0', '/', '1', '/', '2', 2, 3, 0,
                0x11, 0x22);

        assertThat(leases.get(2).state()).isEqualTo(LeaseState.ABANDONED);
    }

    @Test
    void readsBackWhatTheFormatWrites() {
        Lease full = TestLeases.full(3).toBuilder().subnet("").pool("").classes(Set.of())
                .relayAgentInfo(new byte[] {1, 2, 'a', '"', 2, 1, (byte) 0xFF})
                .hostname("ünï \"quoted\" \\ back").variable("ddns-fwd-name", "host3.example.net")
                .variable("ddns-txt", "31a8c7").build();
        Lease spaced = Lease.builder(new LeaseKey("voip+phones", TestLeases.address(3))).state(LeaseState.BACKUP)
                .start(0).end(Lease.NEVER).build();
        Lease released = TestLeases.active(4, 9).toBuilder().state(LeaseState.RELEASED).subnet("").pool("").build();
        StringBuilder file = new StringBuilder();
        DhcpdLeasesFormat.write(List.of(full, spaced, released), file);
        assertThat(DhcpdLeasesParser.parse(file.toString())).containsExactly(full, spaced, released);
    }

    @Test
    void namesTheLineOfAMalformedLease() {
        assertThatThrownBy(() -> DhcpdLeasesParser.parse("lease 198.51.100.1 {\n  starts 4 2026/13/01 00:00:00;\n}"))
                .hasMessageStartingWith("dhcpd.leases line 2:");
        assertThatThrownBy(() -> DhcpdLeasesParser.parse("lease 198.51.100.1 {\n  binding state bound;\n}"))
                .hasMessageContaining("line 2").hasMessageContaining("bound");
        assertThatThrownBy(() -> DhcpdLeasesParser.parse("lease 198.51.100.1 {\n  starts never;\n"))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> DhcpdLeasesParser.parse("lease host.example { }"))
                .hasMessageContaining("not an IPv4 address");
    }
}
