package org.leasehold.option82.vlanport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VlanPortFormatsTest {

    private final VlanModulePortFormat vlanPort = new VlanModulePortFormat();
    private final RemoteMacFormat remoteMac = new RemoteMacFormat();

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void readsVlanModulePort() {
        assertThat(vlanPort.parse(hex("00 04 00 64 01 05"))).hasValueSatisfying(f -> assertThat(f).containsExactly(
                Map.entry("vlan", "100"), Map.entry("module", "1"), Map.entry("port", "5"),
                Map.entry("interface", "1/5")));
        assertThat(vlanPort.parse(hex("00 04 0f ff 02 30"))).hasValueSatisfying(
                f -> assertThat(f).containsEntry("vlan", "4095").containsEntry("port", "48"));
    }

    @Test
    void rejectsOtherLayouts() {
        assertThat(vlanPort.parse(hex("01 04 00 64 01 05"))).as("type").isEmpty();
        assertThat(vlanPort.parse(hex("00 05 00 64 01 05"))).as("length byte").isEmpty();
        assertThat(vlanPort.parse(hex("00 04 10 64 01 05"))).as("VLAN over 12 bits").isEmpty();
        assertThat(vlanPort.parse(hex("00 04 00 64 01"))).as("short").isEmpty();
        assertThat(vlanPort.parse(new byte[0])).isEmpty();
    }

    @Test
    void readsRemoteMac() {
        assertThat(remoteMac.parse(hex("00 06 02 00 00 00 0c 99"))).hasValue(Map.of("mac", "02:00:00:00:0c:99"));
        assertThat(remoteMac.parse(hex("02 00 00 00 0c 99"))).as("bare MAC without type/length").isEmpty();
    }

    @Test
    void realDhcrelayCircuitIdIsNotVlanPort() throws IOException {
        byte[] p;
        try (InputStream in = VlanPortFormatsTest.class.getResourceAsStream("/dhcrelay-discover.hex")) {
            p = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
        int i = 240;
        while (p[i] != (byte) 82) {
            i += 2 + (p[i + 1] & 0xff);
        }
        byte[] circuitId = new byte[p[i + 3] & 0xff];
        System.arraycopy(p, i + 4, circuitId, 0, circuitId.length);
        assertThat(new String(circuitId, StandardCharsets.US_ASCII)).isEqualTo("rel0");
        assertThat(vlanPort.parse(circuitId)).isEmpty();
    }
}
