package org.leasehold.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;

class PacketContextTest {

    private static final AttributeKey<String> NAME = AttributeKey.of("test.name", String.class);
    private static final AttributeKey<String> SAME_NAME = AttributeKey.of("test.name", String.class);

    private final DhcpMessage request = DhcpMessage.builder().op(1).xid(0x2a).messageType(MessageType.DISCOVER).build();
    private final PacketContext ctx = PacketContext.of(request, new InetSocketAddress("127.0.0.1", 68));

    @Test
    void carriesRequestSourceAndLabel() {
        assertThat(ctx.hasRequest()).isTrue();
        assertThat(ctx.request()).isSameAs(request);
        assertThat(ctx.source()).hasValue(new InetSocketAddress("127.0.0.1", 68));
        assertThat(ctx.label()).isEqualTo(request.label()).contains("xid=0x0000002a");
        assertThat(ctx.reply()).isEmpty();
    }

    @Test
    void replyIsReplacedWhole() {
        DhcpMessage offer = request.toBuilder().op(2).messageType(MessageType.OFFER).build();
        ctx.reply(offer);
        assertThat(ctx.reply()).containsSame(offer);
    }

    @Test
    void attributesAreTypedAndKeysCompareByIdentity() {
        ctx.put(NAME, "subscriber-1");
        assertThat(ctx.get(NAME)).hasValue("subscriber-1");
        assertThat(ctx.get(SAME_NAME)).isEmpty();
        assertThat(ctx.has(NAME)).isTrue();
        ctx.remove(NAME);
        assertThat(ctx.get(NAME)).isEmpty();
    }

    @Test
    void attributesAreFoundByTheirKeysNameForNameOnlyReaders() {
        ctx.put(NAME, "dslam-7/1/12");
        assertThat(ctx.attribute("test.name")).hasValue("dslam-7/1/12");
        assertThat(ctx.attribute("test.other")).isEmpty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void wrongTypedPutFailsAtTheWriter() {
        AttributeKey raw = NAME;
        assertThatThrownBy(() -> ctx.put(raw, 42)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> ctx.put(NAME, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void leaseEventHasNoRequest() {
        PacketContext event = PacketContext.ofLeaseEvent("198.51.100.7");
        assertThat(event.hasRequest()).isFalse();
        assertThat(event.source()).isEmpty();
        assertThatThrownBy(event::request).isInstanceOf(IllegalStateException.class).hasMessageContaining("198.51.100.7");
    }

    @Test
    void servicePropertiesParse() {
        assertThat(HookPoint.parse("lease-commit")).isEqualTo(HookPoint.LEASE_COMMIT);
        assertThat(HookPoint.parse("RESPOND")).isEqualTo(HookPoint.RESPOND);
        assertThatThrownBy(() -> HookPoint.parse("later")).hasMessageContaining("later");
        assertThatThrownBy(() -> HookPoint.parse(null)).hasMessageContaining(PacketHandler.HOOK);
        assertThat(FailureMode.parse(null)).isEqualTo(FailureMode.CONTINUE);
        assertThat(FailureMode.parse(" Drop ")).isEqualTo(FailureMode.DROP);
        assertThatThrownBy(() -> FailureMode.parse("retry")).hasMessageContaining("retry");
    }

    @Test
    void hookPointsAreInProcessingOrder() {
        assertThat(HookPoint.values()).containsExactly(HookPoint.RECEIVE, HookPoint.CLASSIFY, HookPoint.SUBNET_SELECT,
                HookPoint.LEASE_SELECT, HookPoint.LEASE_COMMIT, HookPoint.RESPOND, HookPoint.SEND,
                HookPoint.LEASE_EXPIRE, HookPoint.LEASE_RELEASE);
    }

    @Test
    void parkCarriesItsStage() {
        CompletableFuture<Verdict> later = new CompletableFuture<>();
        assertThat(Verdict.park(later)).isInstanceOfSatisfying(Verdict.Park.class,
                p -> assertThat(p.resume()).isSameAs(later));
        assertThatThrownBy(() -> Verdict.park(null)).isInstanceOf(NullPointerException.class);
    }
}
