package org.leasehold.option82.vlanport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.testing.Packets;

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
        byte[] circuitId = subOption("/dhcrelay-discover.hex", 1);
        assertThat(new String(circuitId, StandardCharsets.US_ASCII)).isEqualTo("rel0");
        assertThat(vlanPort.parse(circuitId)).isEmpty();
    }

    @Test
    void realProbeRemoteIdIsABareMacNotTheTypedLayout() throws IOException {
        byte[] remoteId = subOption("/relay82probe-discover.hex", 2);
        assertThat(HexFormat.of().formatHex(remoteId)).isEqualTo("020000000c99");
        assertThat(remoteMac.parse(remoteId)).isEmpty();
        byte[] typed = new byte[8];
        typed[1] = 6;
        System.arraycopy(remoteId, 0, typed, 2, 6);
        assertThat(remoteMac.parse(typed)).hasValue(Map.of("mac", "02:00:00:00:0c:99"));
    }

    /** Sub-option {@code code} of the option 82 in a real relayed packet kept as hex. */
    private static byte[] subOption(String resource, int code) {
        return Packets.agentSubOption(Packets.real(resource.substring(resource.lastIndexOf('/') + 1)), code);
    }
}
