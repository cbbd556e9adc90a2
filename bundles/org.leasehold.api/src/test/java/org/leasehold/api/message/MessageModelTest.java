package org.leasehold.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.leasehold.api.codec.DecodeException;
import org.junit.jupiter.api.Test;

class MessageModelTest {
    @Test
    void openValueTypesKeepUnknownCodes() {
        assertThat(MessageType.valueOf(5)).isSameAs(MessageType.ACK);
        assertThat(MessageType.valueOf(99).name()).isEqualTo("TYPE-99");
        assertThat(OptionCode.valueOf(6).name()).isEqualTo("domain-name-servers");
        assertThat(OptionCode.valueOf(224).name()).isEqualTo("option-224");
        assertThat(SubOptionCode.valueOf(1).name()).isEqualTo("circuit-id");
        assertThat(SubOptionCode.valueOf(151).name()).isEqualTo("sub-option-151");
        assertThatThrownBy(() -> OptionCode.valueOf(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relayAgentInformationKeepsOrderAndUnknownSubOptions() throws Exception {
        byte[] wire = {(byte) 151, 1, 7, 2, 2, 0x0c, (byte) 0x99, 1, 4, 'r', 'e', 'l', '0', 5, 4, (byte) 198, 51, 100, 0,
            6, 3, 's', 'u', 'b'};
        RelayAgentInformation rai = RelayAgentInformation.parse(wire);
        assertThat(rai.subOptions()).extracting(SubOption::code).containsExactly(151, 2, 1, 5, 6);
        assertThat(rai.encode()).isEqualTo(wire);
        assertThat(new String(rai.circuitId().orElseThrow())).isEqualTo("rel0");
        assertThat(rai.remoteId()).contains(new byte[] {0x0c, (byte) 0x99});
        assertThat(rai.linkSelection()).contains((Inet4Address) InetAddress.getByName("198.51.100.0"));
        assertThat(rai.subscriberId()).contains("sub");
        RelayAgentInformation changed = rai.with(new SubOption(1, "rel1".getBytes()));
        assertThat(changed.subOptions()).extracting(SubOption::code).containsExactly(151, 2, 1, 5, 6);
        assertThatThrownBy(() -> RelayAgentInformation.parse(new byte[] {1, 5, 'a'})).isInstanceOf(DecodeException.class);
    }

    @Test
    void optionsConcatenateRepeatedCodesAndTypedHelpersNeverThrow() throws Exception {
        DhcpOptions o = DhcpOptions.of(DhcpOption.of(119, new byte[] {1, 2}), DhcpOption.ofUint16(57, 1500),
            DhcpOption.of(119, new byte[] {3}), DhcpOption.of(1, new byte[] {1, 2, 3}));
        assertThat(o.instances()).hasSize(4);
        assertThat(o.all()).extracting(DhcpOption::code).containsExactly(119, 57, 1);
        assertThat(o.bytes(119)).contains(new byte[] {1, 2, 3});
        assertThat(o.uint16(57)).contains(1500);
        assertThat(o.address(1)).isEmpty();
        assertThat(o.uint32(57)).isEmpty();
        assertThat(o.with(DhcpOption.ofUint16(57, 576)).uint16(57)).contains(576);
        assertThat(o.without(119).all()).extracting(DhcpOption::code).containsExactly(57, 1);
        Inet4Address a = (Inet4Address) InetAddress.getByName("198.51.100.1");
        assertThat(DhcpOptions.of(DhcpOption.ofAddresses(3, List.of(a, a))).addresses(3)).contains(List.of(a, a));
    }

    @Test
    void messageIsImmutableAndLabelled() {
        byte[] mac = {2, 0, 0, 0, 0x0a, 1};
        DhcpMessage m = DhcpMessage.builder().xid(0x2a).hardwareAddress(HardwareAddress.ethernet(mac))
            .broadcast(true).build();
        m.chaddr()[0] = 9;
        mac[0] = 9;
        assertThat(m.hardwareAddress().toString()).isEqualTo("02:00:00:00:0a:01");
        assertThat(m.label()).isEqualTo("xid=0x0000002a chaddr=02:00:00:00:0a:01");
        assertThat(m.broadcast()).isTrue();
        assertThat(m.isBootp()).isTrue();
        assertThat(m.toBuilder().messageType(MessageType.INFORM).build().messageType()).contains(MessageType.INFORM);
    }
}
