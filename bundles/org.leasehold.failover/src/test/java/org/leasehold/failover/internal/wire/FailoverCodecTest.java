package org.leasehold.failover.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.failover.internal.config.Hba;

/**
 * The codec against the layout ISC dhcpd 4.4 reads and writes (server/failover.c
 * {@code dhcp_failover_put_message}, {@code do_a_failover_option}; server/stables.c {@code ft_options}).
 */
class FailoverCodecTest {

    static final HexFormat HEX = HexFormat.of();

    static byte[] hex(String s) {
        return HEX.parseHex(s.replaceAll("\\s", ""));
    }

    @Test
    void stateMessageAsIscWritesIt() throws Exception {
        // dhcp_failover_send_state: length, type 10, payoff 12, time, xid, then server-state (24),
        // server-flags (23), start-time-of-state (25)
        byte[] wire = hex("001e 0a 0c 6553f100 00000007  0018 0001 02  0017 0001 00  0019 0004 6553f0f0");
        FailoverMessage m = FailoverCodec.decode(wire);
        assertThat(m.type()).isEqualTo(MessageType.STATE);
        assertThat(m.time()).isEqualTo(0x6553f100L);
        assertThat(m.xid()).isEqualTo(7);
        assertThat(ServerState.valueOf(m.number(OptionCode.SERVER_STATE).orElseThrow().intValue()))
                .isEqualTo(ServerState.NORMAL);
        assertThat(m.number(OptionCode.STOS)).contains(0x6553f0f0L);
        assertThat(FailoverCodec.encode(Messages.state(0x6553f100L, 7, ServerState.NORMAL, false, 0x6553f0f0L)))
                .isEqualTo(wire);
    }

    @Test
    void connectCarriesWhatAnIscSecondaryRequires() throws Exception {
        byte[] wire = FailoverCodec.encode(Messages.connect(100, 1, "fo", 10, 5, 60, Hba.split(128)));
        FailoverMessage m = FailoverCodec.decode(wire);
        assertThat(m.options()).extracting(o -> o.code().code()).containsExactly(22, 14, 19, 28, 20, 27, 15, 11);
        assertThat(m.option(OptionCode.RELATIONSHIP_NAME).orElseThrow().text()).isEqualTo("fo");
        assertThat(m.option(OptionCode.HBA).orElseThrow().length()).isEqualTo(32);
        assertThat(m.option(OptionCode.TLS_REQUEST).orElseThrow().length()).isEqualTo(1);
        assertThat(m.number(OptionCode.MCLT)).contains(60L);
        assertThat(wire[2]).isEqualTo((byte) 5);
        assertThat(wire[3]).isEqualTo((byte) 12);
        assertThat(FailoverCodec.u16(wire, 0)).isEqualTo(wire.length);
    }

    @Test
    void bindingUpdateAsIscSendsIt() throws Exception {
        // dhcp_failover_send_bind_update: assigned-IP, binding-status, chaddr = htype 1 + MAC,
        // lease-expiration, potential-expiration, start-time-of-state, cltt
        byte[] wire = hex("""
                0044 03 0c 6553f100 00000021
                0002 0004 c6120201
                0003 0001 02
                0005 0007 01 02 00 00 00 0c 31
                000d 0004 6553f358
                0012 0004 6553f3b2
                0019 0004 6553f100
                0006 0004 6553f100
                """);
        FailoverMessage m = FailoverCodec.decode(wire);
        Binding b = Binding.from(m);
        assertThat(b.address()).isEqualTo(InetAddress.getByName("198.18.2.1"));
        assertThat(b.status()).isEqualTo(BindingStatus.ACTIVE);
        assertThat(b.chaddr()).isEqualTo(hex("0102000000 0c31"));
        assertThat(b.clientId()).isNull();
        assertThat(b.expiry()).isEqualTo(0x6553f358L);
        assertThat(b.potentialExpiry()).isEqualTo(0x6553f3b2L);
        assertThat(b.cltt()).isEqualTo(0x6553f100L);
        assertThat(FailoverCodec.encode(b.toMessage(0x6553f100L, 0x21))).isEqualTo(wire);
    }

    @Test
    void bindingAckAndDisconnect() throws Exception {
        Inet4Address a = (Inet4Address) InetAddress.getByName("198.18.2.9");
        FailoverMessage ack = FailoverCodec.decode(FailoverCodec.encode(Messages.bindAck(5, 9, a, null, null)));
        assertThat(ack.options()).containsExactly(FailoverOption.address(OptionCode.ASSIGNED_IP_ADDRESS, a));
        FailoverMessage nak = FailoverCodec.decode(FailoverCodec.encode(
                Messages.bindAck(5, 9, a, RejectReason.OUTDATED_BIND_INFO, null)));
        assertThat(nak.number(OptionCode.REJECT_REASON)).contains(15L);
        assertThat(nak.option(OptionCode.MESSAGE).orElseThrow().text()).isEqualTo("Outdated binding information");
        FailoverMessage d = FailoverCodec.decode(FailoverCodec.encode(
                Messages.disconnect(5, 1, RejectReason.INVALID_PARTNER, null)));
        assertThat(d.type()).isEqualTo(MessageType.DISCONNECT);
        assertThat(d.number(OptionCode.REJECT_REASON)).contains(8L);
    }

    @Test
    void unknownTypesOptionsAndHeaderBytesSurviveARoundTrip() throws Exception {
        // type 99, payload offset 14 (two header bytes the draft does not define), option 300 of 3 bytes
        byte[] wire = hex("0015 63 0e 00000001 00000002 abcd 012c 0003 010203");
        FailoverMessage m = FailoverCodec.decode(wire);
        assertThat(m.type().known()).isFalse();
        assertThat(m.options()).singleElement().satisfies(o -> assertThat(o.code().known()).isFalse());
        assertThat(FailoverCodec.encode(m)).isEqualTo(wire);
    }

    @Test
    void headerOnlyMessages() throws Exception {
        for (MessageType t : List.of(MessageType.CONTACT, MessageType.POOLREQ, MessageType.UPDREQ,
                MessageType.UPDREQALL, MessageType.UPDDONE)) {
            byte[] wire = FailoverCodec.encode(Messages.bare(t, 1, 2));
            assertThat(wire).hasSize(12);
            assertThat(FailoverCodec.decode(wire).type()).isEqualTo(t);
        }
        assertThat(FailoverCodec.decode(FailoverCodec.encode(Messages.poolResp(1, 2, 17)))
                .number(OptionCode.ADDRESSES_TRANSFERRED)).contains(17L);
    }

    @Test
    void malformedMessagesFailWithOffsetAndReason() {
        assertDecodeFails("000b 0b 0c 00000000 000000", 11, "shorter than the header");
        assertDecodeFails("000b 0b 0c 00000000 00000000", 0, "outside 12..2048");
        assertDecodeFails("0900 0b 0c 00000000 00000000", 0, "outside 12..2048");
        assertDecodeFails("000d 0b 0c 00000000 00000000", 0, "but 12 bytes");
        assertDecodeFails("000c 0b 0b 00000000 00000000", 3, "payload offset 11");
        assertDecodeFails("000e 0a 0c 00000000 00000000 0018", 12, "option header runs past");
        assertDecodeFails("0011 0a 0c 00000000 00000000 0018 0002 02", 14, "runs past the message end");
        assertDecodeFails("0012 0a 0c 00000000 00000000 0018 0002 0200", 14, "server-state has 2 bytes, not 1");
        assertDecodeFails("0016 0a 0c 00000000 00000000 0018 0001 02 0018 0001 02", 17, "duplicate option server-state");
        assertDecodeFails("0016 0a 0c 00000000 00000000 0011 0001 02 0018 0001 02", 12, "message-digest is not the last");
    }

    @Test
    void bindingUpdateWithoutAddressOrStatus() {
        assertThatThrownBy(() -> Binding.from(Messages.bare(MessageType.BNDUPD, 1, 1)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("assigned-IP-address");
    }

    @Test
    void openValueNames() {
        assertThat(ServerState.parse("communications-interrupted")).isEqualTo(ServerState.COMMUNICATIONS_INTERRUPTED);
        assertThat(ServerState.RECOVER_WAIT.toString()).isEqualTo("recover-wait");
        assertThat(ServerState.valueOf(77).toString()).isEqualTo("state-77");
        assertThat(BindingStatus.of(org.leasehold.api.lease.LeaseState.BACKUP)).isEqualTo(BindingStatus.BACKUP);
        assertThat(MessageType.valueOf(12)).hasToString("DISCONNECT");
        assertThat(OptionCode.valueOf(11)).hasToString("hash-bucket-assignment");
    }

    private static void assertDecodeFails(String hexWire, int offset, String reason) {
        assertThatThrownBy(() -> FailoverCodec.decode(hex(hexWire))).isInstanceOfSatisfying(
                DecodeException.class, e -> {
                    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
