package org.leasehold.options.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasehold.testing.Packets.replyOption;
import static org.leasehold.testing.Packets.real;
import static org.leasehold.testing.Packets.responding;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.leasehold.testing.Packets;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.message.SubOption;
import org.leasehold.api.pipeline.PacketContext;

/** §3.1.1.1 over the real dhcrelay DISCOVER, with a Subscriber-ID added as a relay would. */
class UserIdProvisioningHandlerTest {

    private final DhcpMessage relayed = real("dhcrelay-discover.hex");
    private final UserIdProvisioningHandler handler = new UserIdProvisioningHandler(HandlerConfigs.userId(230));

    private static DhcpMessage withSubscriberId(DhcpMessage m, String id) {
        RelayAgentInformation info = RelayAgentInformation.from(m).orElseThrow()
                .with(new SubOption(6, id.getBytes(StandardCharsets.US_ASCII)));
        return Packets.with(m, info.toOption());
    }

    @Test
    void copiesSubscriberIdIntoTheConfiguredOption() {
        PacketContext ctx = responding(withSubscriberId(relayed, "sip:+4687190000@ims.example"), "198.18.0.254",
                MessageType.OFFER);

        handler.handle(ctx);

        assertThat(new String(replyOption(ctx, 230), StandardCharsets.US_ASCII)).isEqualTo("sip:+4687190000@ims.example");
        assertThat(replyOption(ctx, 82)).as("option 82 echo is the engine's").isNull();
    }

    @Test
    void withoutSubscriberIdNothingIsAdded() {
        PacketContext ctx = responding(relayed, "198.18.0.254", MessageType.ACK);
        DhcpMessage before = ctx.reply().orElseThrow();

        handler.handle(ctx);

        assertThat(ctx.reply()).containsSame(before);
    }

    @Test
    void nakGetsNothing() {
        PacketContext ctx = responding(withSubscriberId(relayed, "alice"), "198.18.0.254", MessageType.NAK);
        handler.handle(ctx);
        assertThat(replyOption(ctx, 230)).isNull();
    }

    @Test
    void optionOutsideTheSiteRangeIsRefused() {
        assertThatThrownBy(() -> new UserIdProvisioningHandler(HandlerConfigs.userId(82)))
                .hasMessageContaining("org.leasehold.options.userid option").hasMessageContaining("224..254");
        assertThatThrownBy(() -> new UserIdProvisioningHandler(HandlerConfigs.userId(255))).isInstanceOf(
                IllegalArgumentException.class);
    }
}
