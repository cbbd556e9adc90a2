package org.leasehold.options.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasehold.testing.Packets.replyOption;
import static org.leasehold.testing.Packets.real;
import static org.leasehold.testing.Packets.responding;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.testing.Packets;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.Verdict;

class UserOptionsHandlerTest {

    private static final Map<String, Object> CONFIG = Map.of("option.224", "0a:0b:0c", "option.250", "0x48656c6c6f",
            "component.name", "ignored");
    private final DhcpMessage discover = real("dhcrelay-discover.hex");

    @Test
    void addsConfiguredOptionsToOffersAndAcks() {
        UserOptionsHandler h = new UserOptionsHandler(HandlerConfigs.userOptions(false, false), CONFIG);
        for (MessageType t : new MessageType[] {MessageType.OFFER, MessageType.ACK}) {
            PacketContext ctx = responding(discover, "127.0.0.1", t);

            assertThat(h.handle(ctx)).isEqualTo(Verdict.CONTINUE);

            assertThat(replyOption(ctx, 224)).containsExactly(0x0a, 0x0b, 0x0c);
            assertThat(replyOption(ctx, 250)).containsExactly("Hello".getBytes());
        }
    }

    @Test
    void neverTouchesANak() {
        UserOptionsHandler h = new UserOptionsHandler(HandlerConfigs.userOptions(false, false), CONFIG);
        PacketContext ctx = responding(discover, "127.0.0.1", MessageType.NAK);
        DhcpMessage nak = ctx.reply().orElseThrow();

        h.handle(ctx);

        assertThat(ctx.reply()).containsSame(nak);
    }

    @Test
    void keepsTheServersOwnValueUnlessOverwriteIsSet() {
        PacketContext ctx = responding(discover, "127.0.0.1", MessageType.ACK);
        DhcpMessage own = ctx.reply().orElseThrow();
        ctx.reply(own.toBuilder().options(own.options().with(DhcpOption.of(224, new byte[] {1}))).build());
        new UserOptionsHandler(HandlerConfigs.userOptions(false, false), CONFIG).handle(ctx);
        assertThat(replyOption(ctx, 224)).containsExactly(1);

        new UserOptionsHandler(HandlerConfigs.userOptions(true, false), CONFIG).handle(ctx);
        assertThat(replyOption(ctx, 224)).containsExactly(0x0a, 0x0b, 0x0c);
    }

    @Test
    void requestedOnlyFollowsTheParameterRequestList() {
        UserOptionsHandler h = new UserOptionsHandler(HandlerConfigs.userOptions(false, true), CONFIG);
        DhcpMessage asking = Packets.with(discover, DhcpOption.of(55, HexFormat.of().parseHex("0103e0")));
        PacketContext ctx = responding(asking, "127.0.0.1", MessageType.OFFER);

        h.handle(ctx);

        assertThat(replyOption(ctx, 224)).isNotNull();
        assertThat(replyOption(ctx, 250)).isNull();
    }

    @Test
    void badEntriesNameThePidAndKey() {
        assertThatThrownBy(() -> UserOptionsHandler.parse(Map.of("option.53", "01")))
                .hasMessageContaining("org.leasehold.options option.53");
        assertThatThrownBy(() -> UserOptionsHandler.parse(Map.of("option.300", "01"))).hasMessageContaining("300");
        assertThatThrownBy(() -> UserOptionsHandler.parse(Map.of("option.224", "xyz")))
                .hasMessageContaining("option.224").hasMessageContaining("not hex");
        assertThat(UserOptionsHandler.parse(Map.of("option.1", "ffffff00"))).extracting(DhcpOption::code)
                .containsExactly(1);
    }
}
