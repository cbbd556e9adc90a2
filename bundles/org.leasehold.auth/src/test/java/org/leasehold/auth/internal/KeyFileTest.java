package org.leasehold.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.testing.Packets;

class KeyFileTest {

    static final String GOOD = """
            # delayed-authentication keys
            client-id 01:02:00:00:00:0c:41  1     hex:00112233445566778899aabbccddeeff
            mac       02-00-00-00-0c-42     0x2a  base64:c2VjcmV0LWtleS0y   # trailing comment

            """;

    @Test
    void readsBothIdentityKindsAndSecretEncodings() {
        KeyFile.Result r = KeyFile.parse("dhcpkey.conf", GOOD);
        assertThat(r.errors()).isEmpty();
        KeyFile keys = r.keys().orElseThrow();
        assertThat(keys.size()).isEqualTo(2);
        ClientSecret a = keys.get("client-id:01020000000c41").orElseThrow();
        assertThat(a.keyId()).isEqualTo(1);
        assertThat(a.secret()).isEqualTo(Packets.hex("00112233445566778899aabbccddeeff"));
        ClientSecret b = keys.get("mac:020000000c42").orElseThrow();
        assertThat(b.keyId()).isEqualTo(42);
        assertThat(new String(b.secret())).isEqualTo("secret-key-2");
        assertThat(b.line()).isEqualTo(3);
        assertThat(b.toString()).doesNotContain("secret");
    }

    @Test
    void looksUpByClientIdThenByChaddr() {
        KeyFile keys = KeyFile.parse("k", GOOD).keys().orElseThrow();
        DhcpMessage byMac = DhcpMessage.builder().hardwareAddress(
                org.leasehold.api.message.HardwareAddress.ethernet(Packets.hex("020000000c42"))).build();
        assertThat(keys.lookup(byMac)).map(ClientSecret::keyId).contains(42L);
        DhcpMessage byId = byMac.toBuilder().option(DhcpOption.of(61, Packets.hex("01020000000c41"))).build();
        assertThat(keys.lookup(byId)).map(ClientSecret::keyId).contains(1L);
        DhcpMessage unknownId = byMac.toBuilder().option(DhcpOption.of(61, Packets.hex("ff01"))).build();
        assertThat(keys.lookup(unknownId)).map(ClientSecret::keyId).contains(42L);
        DhcpMessage nobody = DhcpMessage.builder().hardwareAddress(
                org.leasehold.api.message.HardwareAddress.ethernet(Packets.hex("020000000c99"))).build();
        assertThat(keys.lookup(nobody)).isEmpty();
    }

    @Test
    void everyErrorIsReportedAtFileAndLineAndTheFileIsRejectedWhole() {
        String text = """
                mac 02:00:00:00:0c:42 1 hex:00
                mac 02:00:00:00:0c:43 1
                host 02:00:00:00:0c:44 1 hex:00
                mac 02:00:00:00:0c:45 4294967296 hex:00
                mac 02:00:00:00:0c:46 1 plain:abc
                mac 02:00:00:00:0c:47 1 hex:0
                mac 02:00:00:00:0c:42 2 hex:01
                mac zz 1 hex:00
                """;
        KeyFile.Result r = KeyFile.parse("etc/dhcpkey.conf", text);
        assertThat(r.keys()).isEmpty();
        assertThat(r.errors()).containsExactly(
                "etc/dhcpkey.conf:2: expected 4 fields (kind identity key-id secret), found 3",
                "etc/dhcpkey.conf:3: unknown identity kind 'host' (client-id or mac)",
                "etc/dhcpkey.conf:4: key id '4294967296' out of range 0-4294967295",
                "etc/dhcpkey.conf:5: secret must start with hex: or base64:",
                "etc/dhcpkey.conf:6: secret '0' is not whole bytes of hex",
                "etc/dhcpkey.conf:7: mac:020000000c42 already has a key at line 1",
                "etc/dhcpkey.conf:8: identity 'zz' is not hex");
    }

    @Test
    void aMissingFileIsOneErrorNamingIt(@TempDir Path dir) throws Exception {
        KeyFile.Result r = KeyFile.read(dir.resolve("dhcpkey.conf"));
        assertThat(r.keys()).isEmpty();
        assertThat(r.errors()).singleElement().asString().contains("dhcpkey.conf").contains("not found");
        Files.writeString(dir.resolve("dhcpkey.conf"), GOOD);
        assertThat(KeyFile.read(dir.resolve("dhcpkey.conf")).keys()).map(KeyFile::size).contains(2);
    }
}
