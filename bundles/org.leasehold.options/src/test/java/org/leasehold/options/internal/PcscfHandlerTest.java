package org.leasehold.options.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasehold.testing.Packets.replyOption;
import static org.leasehold.testing.Packets.real;
import static org.leasehold.testing.Packets.responding;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.testing.Configs;
import org.leasehold.testing.Packets;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.option.SipServers;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.PacketContext;

/** §3.1.1.2 over a real dhcpcd DHCPINFORM and the real dhcrelay packet turned into an INFORM. */
class PcscfHandlerTest {

    /** dhcpcd's own request list plus 120 (0x78). */
    private static final DhcpOption PRL_WITH_120 = DhcpOption.of(55, HexFormat.of().parseHex("017903060c0f1a1c78"));

    private static Map<String, Object> rules() {
        Map<String, Object> p = Configs.properties("""
                rule.1.name = relayed-rel0
                rule.1.giaddr = 198.51.100.0/24
                rule.1.circuit-id = \"rel\"
                rule.1.servers = 198.51.100.10, 198.51.100.11
                rule.2.name = lan
                rule.2.source = 198.18.0.0/16
                rule.2.servers = pcscf1.ims.example, pcscf2.ims.example
                """);
        return p;
    }

    private final PcscfHandler handler = new PcscfHandler(HandlerConfigs.pcscf(true), rules());
    private final DhcpMessage inform = real("dhcpcd-inform.hex");

    @Test
    void informAskingFor120GetsServersBySourceAddress() throws DecodeException {
        PacketContext ctx = responding(Packets.with(inform, PRL_WITH_120), "198.18.0.100", MessageType.ACK);

        handler.handle(ctx);

        byte[] value = replyOption(ctx, 120);
        assertThat(value[0]).as("RFC 3361 encoding 0: domain names").isEqualTo((byte) 0);
        assertThat(SipServers.decode(value).domainNames()).containsExactly("pcscf1.ims.example", "pcscf2.ims.example");
        assertThat(HexFormat.of().formatHex(value)).as("second name compressed against the first (RFC 1035 4.1.4)")
                .isEqualTo("00" + "0670637363663103696d73076578616d706c6500" + "06706373636632c007");
    }

    @Test
    void relayedInformGetsServersByRelayInformation() {
        DhcpMessage relayed = real("dhcrelay-discover.hex");
        DhcpMessage relayedInform = Packets.with(relayed.toBuilder().messageType(MessageType.INFORM)
                .ciaddr(inform.ciaddr()).build(), PRL_WITH_120);
        PacketContext ctx = responding(relayedInform, "198.18.0.254", MessageType.ACK);

        handler.handle(ctx);

        assertThat(HexFormat.of().formatHex(replyOption(ctx, 120))).isEqualTo("01" + "c633640a" + "c633640b");
    }

    @Test
    void realInformWithoutRequestFor120GetsNothing() {
        PacketContext ctx = responding(inform, "198.18.0.100", MessageType.ACK);
        handler.handle(ctx);
        assertThat(replyOption(ctx, 120)).isNull();
    }

    @Test
    void otherMessagesGetNothingUnlessInformOnlyIsOff() {
        DhcpMessage discover = Packets.with(real("dhcrelay-discover.hex"), PRL_WITH_120);
        PacketContext offer = responding(discover, "198.18.0.254", MessageType.OFFER);
        handler.handle(offer);
        assertThat(replyOption(offer, 120)).isNull();

        new PcscfHandler(HandlerConfigs.pcscf(false), rules()).handle(offer);
        assertThat(replyOption(offer, 120)).isNotNull();
    }

    @Test
    void clientMatchingNoRuleGetsNothing() {
        PcscfHandler narrow = new PcscfHandler(HandlerConfigs.pcscf(true),
                Map.of("rule.1.source", "203.0.113.0/24", "rule.1.servers", "198.51.100.10"));
        PacketContext ctx = responding(Packets.with(inform, PRL_WITH_120), "198.18.0.100", MessageType.ACK);
        narrow.handle(ctx);
        assertThat(replyOption(ctx, 120)).isNull();
    }

    @Test
    void badRulesNameThePidAndKey() {
        assertThatThrownBy(() -> new PcscfHandler(HandlerConfigs.pcscf(true), Map.of("rule.1.servers", "198.51.100.1, sip.example")))
                .hasMessageContaining("org.leasehold.options.pcscf rule.1.servers").hasMessageContaining("not both");
        assertThatThrownBy(() -> new PcscfHandler(HandlerConfigs.pcscf(true), Map.of("rule.2.source", "198.18.0.0/16")))
                .hasMessageContaining("rule.2.servers");
        assertThatThrownBy(() -> new PcscfHandler(HandlerConfigs.pcscf(true), Map.of("rule.1.servers", "x", "rule.1.vlan", "7")))
                .hasMessageContaining("rule.1.vlan");
        assertThatThrownBy(() -> new PcscfHandler(HandlerConfigs.pcscf(true), Map.of())).hasMessageContaining("no rule");
        assertThatThrownBy(() -> new PcscfHandler(HandlerConfigs.pcscf(true), Map.of("rule.1.servers", "bad_name!")))
                .hasMessageContaining("not a domain name");
    }
}
