package org.leasehold.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.ReplyEncoding;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.option.Authentication;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.testing.Configs;
import org.leasehold.testing.Packets;

class AuthHandlersTest {

    static final String KEY = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;
    AuthService auth;
    AuthReceiveHandler receive;
    AuthSendHandler send;
    long counter = 100;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("dhcpkey.conf"), "mac 02:00:00:00:0c:41 7 hex:" + KEY + "\n");
        auth = service(2);
        receive = new AuthReceiveHandler(auth);
        send = new AuthSendHandler(auth);
    }

    private AuthService service(int level) {
        return new AuthService(Configs.of(AuthConfig.class, Map.of("level", level)), dir.resolve("dhcpkey.conf"),
                dir.resolve("replay.journal"));
    }

    /** The spec's three tables, row by row: what the level does with each kind of request. */
    @ParameterizedTest(name = "level {0}, {1} option -> {2}, authenticated={3}")
    @CsvSource({
        "0, none,    CONTINUE, false", "0, invalid, CONTINUE, false", "0, valid, CONTINUE, false",
        "1, none,    DROP,     false", "1, invalid, DROP,     false", "1, valid, CONTINUE, true",
        "2, none,    CONTINUE, false", "2, invalid, CONTINUE, false", "2, valid, CONTINUE, true"})
    void levelTables(int level, String kind, String verdict, boolean authenticated) throws Exception {
        auth.level(AuthLevel.of(level));
        PacketContext ctx = Packets.context(request(kind), "198.18.0.1");
        assertThat(settle(receive.handle(ctx))).hasToString(verdict);
        assertThat(ctx.get(PipelineAttributes.AUTHENTICATED).orElse(false)).isEqualTo(authenticated);
        if (!verdict.equals("DROP")) {
            ctx.reply(ctx.request().toBuilder().op(2).withoutOption(90).messageType(MessageType.ACK).build());
            assertThat(send.handle(ctx)).isEqualTo(Verdict.CONTINUE);
            assertThat(ctx.reply().orElseThrow().options().contains(90)).isEqualTo(authenticated);
        }
    }

    @Test
    void theSignedReplyVerifiesWithTheClientsKeyAndCountersRiseAndAreCounted() throws Exception {
        PacketContext ctx = Packets.context(request("valid"), "198.18.0.1");
        settle(receive.handle(ctx));
        ctx.reply(ctx.request().toBuilder().op(2).withoutOption(90).messageType(MessageType.ACK).build());
        send.handle(ctx);
        DhcpMessage first = ctx.reply().orElseThrow();
        byte[] wire = DhcpCodec.encodeReply(first, ReplyEncoding.forRequest(ctx.request()));
        int at = WireOptions.valueOffset(wire, 90);
        byte[] mac = new byte[16];
        System.arraycopy(wire, at + DelayedAuth.MAC_OFFSET, mac, 0, 16);
        assertThat(mac).isEqualTo(DelayedAuth.hmac(Packets.hex(KEY), wire, at));
        long r1 = Authentication.decode(first.options().bytes(90).orElseThrow()).replayDetection();
        send.handle(ctx);
        long r2 = Authentication.decode(ctx.reply().orElseThrow().options().bytes(90).orElseThrow()).replayDetection();
        assertThat(r2).isGreaterThan(r1);
        assertThat(auth.status()).containsEntry("requests.valid", "1").containsEntry("replies.signed", "2");
    }

    @Test
    void aReplayIsDroppedEvenAfterARestartAndCountedByReason() throws Exception {
        DhcpMessage m = request("valid");
        assertThat(settle(receive.handle(Packets.context(m, "198.18.0.1")))).isEqualTo(Verdict.CONTINUE);
        assertThat(receive.handle(Packets.context(m, "198.18.0.1"))).isEqualTo(Verdict.DROP);
        auth.deactivate();
        AuthService again = service(2);
        AuthReceiveHandler r = new AuthReceiveHandler(again);
        assertThat(r.handle(Packets.context(m, "198.18.0.1"))).isEqualTo(Verdict.DROP);
        assertThat(again.status()).containsEntry("rejected.replay", "1").containsEntry("invalid.replay", "1");
        assertThat(settle(r.handle(Packets.context(request("valid"), "198.18.0.1")))).isEqualTo(Verdict.CONTINUE);
        again.deactivate();
    }

    @Test
    void rejectionsAtLevelOneAreCountedByReason() throws Exception {
        auth.level(AuthLevel.MANDATORY);
        receive.handle(Packets.context(request("none"), "198.18.0.1"));
        receive.handle(Packets.context(request("invalid"), "198.18.0.1"));
        assertThat(auth.status()).containsEntry("rejected.no-auth", "1").containsEntry("rejected.mac", "1")
                .containsEntry("invalid.mac", "1").containsEntry("level", "1 (mandatory)");
    }

    @Test
    void aMissingKeyFileLeavesNoKeysAndTheServiceRuns() throws Exception {
        Files.delete(dir.resolve("dhcpkey.conf"));
        auth.deactivate();
        AuthService s = new AuthService(Configs.of(AuthConfig.class, Map.of("level", 1)),
                dir.resolve("dhcpkey.conf"), dir.resolve("replay.journal"));
        assertThat(s.keys().size()).isZero();
        assertThat(s.status()).containsEntry("keyfile.errors", "1");
        assertThat(new AuthReceiveHandler(s).handle(Packets.context(request("valid"), "198.18.0.1")))
                .isEqualTo(Verdict.DROP);
        s.deactivate();
    }

    /** A REQUEST from 02:00:00:00:0c:41: without option 90, with a wrong MAC, or signed with its key. */
    private DhcpMessage request(String kind) throws Exception {
        DhcpMessage m = DhcpMessage.builder().op(1).xid(0x1234).messageType(MessageType.REQUEST)
                .hardwareAddress(HardwareAddress.ethernet(Packets.hex("020000000c41")))
                .option(DhcpOption.of(50, Packets.hex("c6120032"))).build();
        if (kind.equals("none")) {
            return DhcpCodec.decode(DhcpCodec.encode(m));
        }
        byte[] secret = kind.equals("valid") ? Packets.hex(KEY) : Packets.hex("ff");
        ClientSecret key = new ClientSecret("mac:020000000c41", 7, secret, 1);
        return DhcpCodec.decode(DhcpCodec.encode(DelayedAuth.sign(m, key, ++counter, DhcpCodec::encode)));
    }

    private static Verdict settle(Verdict v) throws Exception {
        if (v instanceof Verdict.Park p) {
            return p.resume().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        return v;
    }
}
