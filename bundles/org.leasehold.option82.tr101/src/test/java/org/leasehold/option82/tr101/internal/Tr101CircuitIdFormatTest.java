package org.leasehold.option82.tr101.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.testing.Packets;

class Tr101CircuitIdFormatTest {

    private final Tr101CircuitIdFormat format = new Tr101CircuitIdFormat();

    private Map<String, String> parse(String circuitId) {
        return format.parse(circuitId.getBytes(StandardCharsets.US_ASCII)).orElse(null);
    }

    @Test
    void ethernetLoopWithVlan() {
        assertThat(parse("dslam-7 eth 1/12:100")).containsExactly(Map.entry("access-node", "dslam-7"),
                Map.entry("type", "eth"), Map.entry("path", "1/12"), Map.entry("slot", "1"), Map.entry("port", "12"),
                Map.entry("vlan", "100"));
    }

    @Test
    void ethernetLoopWithoutVlanAndLongPath() {
        assertThat(parse("OLT 3 Rack A eth 0/1/4/2")).containsEntry("access-node", "OLT 3 Rack A")
                .containsEntry("path", "0/1/4/2").containsEntry("slot", "4").containsEntry("port", "2")
                .doesNotContainKey("vlan");
    }

    @Test
    void atmLoopWithVpiVci() {
        assertThat(parse("an1.example eth 2/3:4095")).containsEntry("vlan", "4095");
        assertThat(parse("an1.example atm 2/3:8.35")).containsEntry("type", "atm").containsEntry("vpi", "8")
                .containsEntry("vci", "35");
    }

    @Test
    void rejectsOtherSyntaxes() {
        assertThat(parse("an1 atm 2/3:100")).as("ATM needs VPI.VCI").isNull();
        assertThat(parse("an1 eth 2/3:8.35")).as("Ethernet has no VPI.VCI").isNull();
        assertThat(parse("eth 1/2")).as("no access node").isNull();
        assertThat(parse("an1 wifi 1/2")).isNull();
        assertThat(format.parse(HexFormat.of().parseHex("0004006401050a"))).as("binary").isEmpty();
        assertThat(format.parse(new byte[0])).isEmpty();
    }

    @Test
    void realDhcrelayCircuitIdIsNotTr101() throws IOException {
        assertThat(format.parse(circuitIdOfRealPacket())).isEmpty();
    }

    /** The circuit-id of a real ISC dhcrelay -a DISCOVER ("rel0"). */
    static byte[] circuitIdOfRealPacket() {
        return Packets.agentSubOption(Packets.real("dhcrelay-discover.hex"), 1);
    }

    @Test
    void theRealCircuitIdIsFound() throws IOException {
        assertThat(new String(circuitIdOfRealPacket(), StandardCharsets.US_ASCII)).isEqualTo("rel0");
    }
}
