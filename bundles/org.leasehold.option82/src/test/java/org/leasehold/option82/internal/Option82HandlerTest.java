package org.leasehold.option82.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.option82.internal.Fixtures.context;
import static org.leasehold.option82.internal.Fixtures.hex;
import static org.leasehold.option82.internal.Fixtures.resource;
import static org.leasehold.option82.internal.Fixtures.withOption82;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.testing.Configs;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.option82.Option82Attributes;
import org.leasehold.option82.Option82Identity;
import org.leasehold.option82.Option82Parser;

/** The handler over real relayed packets (ISC dhcrelay -a, a relay probe) and crafted ones. */
class Option82HandlerTest {

    private static Map<String, Object> rules() {
        Map<String, Object> p = Configs.properties("""
                rule.1.name = vendor
                rule.1.circuit-id = slotport
                rule.1.output.circuit-id = slot {slot} port {port}
                rule.2.name = generic
                rule.2.giaddr = 198.51.100.0/24
                rule.2.circuit-id = text
                rule.2.output.circuit-id = {giaddr}/{text}
                rule.2.output.remote-id = {remote-id.hex}
                """);
        return p;
    }

    private final Option82Handler handler = Fixtures.handler(rules());

    private Option82Identity run(DhcpMessage m) {
        PacketContext ctx = context(m);
        assertThat(handler.handle(ctx)).isEqualTo(Verdict.CONTINUE);
        return ctx.get(Option82Attributes.IDENTITY).orElse(null);
    }

    @Test
    void realDhcrelayPacketGetsTheGenericIdentity() {
        Option82Identity id = run(resource("dhcrelay-discover.hex"));

        assertThat(id.rule()).isEqualTo("generic");
        assertThat(id.circuitId()).hasValue("198.51.100.1/rel0");
        assertThat(id.remoteId()).as("dhcrelay -a sends no remote-id").isEmpty();
    }

    @Test
    void realProbePacketCarriesTheRemoteId() {
        Option82Identity id = run(resource("relay82probe-discover.hex"));

        assertThat(id.circuitId()).hasValue("198.51.100.1/rel0");
        assertThat(id.remoteId()).hasValue("020000000c99");
        assertThat(handler.identified()).isEqualTo(1);
    }

    @Test
    void theIdentityIsAlsoPutAsTextAttributesThatClassesMatchByName() {
        PacketContext ctx = context(resource("relay82probe-discover.hex"));
        handler.handle(ctx);

        assertThat(ctx.attribute("option82.circuit-id")).hasValue("198.51.100.1/rel0");
        assertThat(ctx.attribute("option82.remote-id")).hasValue("020000000c99");
        assertThat(ctx.attribute("option82.rule")).hasValue("generic");
        PacketContext noRemote = context(resource("dhcrelay-discover.hex"));
        handler.handle(noRemote);
        assertThat(noRemote.has(Option82Attributes.REMOTE_ID)).isFalse();
    }

    @Test
    void installingAVendorFormatChangesTheNextPacketAndRemovingItReverts() {
        DhcpMessage m = withOption82(resource("dhcrelay-discover.hex"), hex("0103342d37"));
        Option82Parser plugin = Fixtures.slotPortPlugin();

        assertThat(run(m).circuitId()).hasValue("198.51.100.1/4-7");
        handler.bindParser(plugin);
        assertThat(handler.formats()).containsExactly("slotport");
        assertThat(run(m).circuitId()).hasValue("slot 4 port 7");
        handler.unbindParser(plugin);
        assertThat(run(m).circuitId()).hasValue("198.51.100.1/4-7");
    }

    @Test
    void pluginClaimingABuiltInNameIsRefused() {
        handler.bindParser(new Option82Parser() {
            @Override
            public String format() {
                return "text";
            }

            @Override
            public java.util.Optional<Map<String, String>> parse(byte[] value) {
                return java.util.Optional.of(Map.of("text", "hijacked"));
            }
        });
        assertThat(handler.formats()).isEmpty();
        assertThat(run(resource("dhcrelay-discover.hex")).circuitId()).hasValue("198.51.100.1/rel0");
    }

    @Test
    void malformedOptionIsCountedAndServiceGoesOn() {
        DhcpMessage m = withOption82(resource("dhcrelay-discover.hex"), hex("01ff72"));

        assertThat(run(m)).isNull();
        assertThat(handler.unparseable()).isEqualTo(1);
    }

    @Test
    void packetsWithoutOption82OrRuleAreLeftAlone() {
        DhcpMessage relayed = resource("dhcrelay-discover.hex");
        DhcpMessage direct = relayed.toBuilder().options(relayed.options().without(82)).build();
        assertThat(run(direct)).isNull();

        Option82Handler narrow = Fixtures.handler(Map.of("rule.1.giaddr", "203.0.113.0/24", "rule.1.circuit-id", "text"));
        PacketContext ctx = context(relayed);
        narrow.handle(ctx);
        assertThat(ctx.has(Option82Attributes.IDENTITY)).isFalse();
        assertThat(narrow.unmatched()).isEqualTo(1);
        assertThat(handler.handle(PacketContext.ofLeaseEvent("198.51.100.7"))).isEqualTo(Verdict.CONTINUE);
    }
}
