package org.leasehold.failover.internal.wire;

import java.util.ArrayList;
import java.util.List;
import org.leasehold.failover.internal.config.Hba;

/**
 * Builds the messages this server sends, with the options (and their order) ISC dhcpd 4.4 sends in
 * each: {@code dhcp_failover_send_connect}, {@code _connectack}, {@code _state}, ... in server/failover.c.
 * Stateless.
 */
public final class Messages {

    /** draft-12 protocol version (ISC's DHCP_FAILOVER_VERSION). */
    public static final int PROTOCOL_VERSION = 1;
    /** server-flags bit: the sender is in its startup period. */
    public static final int FLAG_STARTUP = 1;
    /** IP-flags bits (draft-12 §12.12). */
    public static final int IP_FLAG_RESERVE = 1;
    public static final int IP_FLAG_BOOTP = 2;
    public static final String VENDOR_CLASS = "leasehold-0.1";

    private Messages() {
    }

    public static FailoverMessage connect(long time, long xid, String name, int maxUnacked, int receiveTimer,
            int mclt, Hba hba) {
        List<FailoverOption> o = new ArrayList<>();
        o.add(FailoverOption.text(OptionCode.RELATIONSHIP_NAME, name));
        o.add(FailoverOption.uint32(OptionCode.MAX_UNACKED, maxUnacked));
        o.add(FailoverOption.uint32(OptionCode.RECEIVE_TIMER, receiveTimer));
        o.add(FailoverOption.text(OptionCode.VENDOR_CLASS, VENDOR_CLASS));
        o.add(FailoverOption.uint8(OptionCode.PROTOCOL_VERSION, PROTOCOL_VERSION));
        o.add(FailoverOption.uint8(OptionCode.TLS_REQUEST, 0));
        o.add(FailoverOption.uint32(OptionCode.MCLT, mclt));
        if (hba != null) {
            o.add(FailoverOption.of(OptionCode.HBA, hba.bytes()));
        }
        return FailoverMessage.of(MessageType.CONNECT, time, xid, o);
    }

    /** A CONNECTACK answering {@code xid}; {@code reason} null accepts. */
    public static FailoverMessage connectAck(long time, long xid, String name, int maxUnacked, int receiveTimer,
            boolean tlsReply, RejectReason reason, String message) {
        List<FailoverOption> o = new ArrayList<>();
        if (name != null) {
            o.add(FailoverOption.text(OptionCode.RELATIONSHIP_NAME, name));
        }
        if (reason == null) {
            o.add(FailoverOption.uint32(OptionCode.MAX_UNACKED, maxUnacked));
            o.add(FailoverOption.uint32(OptionCode.RECEIVE_TIMER, receiveTimer));
        }
        o.add(FailoverOption.text(OptionCode.VENDOR_CLASS, VENDOR_CLASS));
        o.add(FailoverOption.uint8(OptionCode.PROTOCOL_VERSION, PROTOCOL_VERSION));
        if (tlsReply) {
            o.add(FailoverOption.uint8(OptionCode.TLS_REPLY, 0));
        }
        rejection(o, reason, message);
        return FailoverMessage.of(MessageType.CONNECTACK, time, xid, o);
    }

    public static FailoverMessage state(long time, long xid, ServerState state, boolean startup, long stos) {
        return FailoverMessage.of(MessageType.STATE, time, xid, List.of(
                FailoverOption.uint8(OptionCode.SERVER_STATE, state.code()),
                FailoverOption.uint8(OptionCode.SERVER_FLAGS, startup ? FLAG_STARTUP : 0),
                FailoverOption.uint32(OptionCode.STOS, stos)));
    }

    public static FailoverMessage disconnect(long time, long xid, RejectReason reason, String message) {
        List<FailoverOption> o = new ArrayList<>();
        rejection(o, reason, message == null ? reason.toString() : message);
        return FailoverMessage.of(MessageType.DISCONNECT, time, xid, o);
    }

    /** A message of only a header: CONTACT, POOLREQ, UPDREQ, UPDREQALL, UPDDONE. */
    public static FailoverMessage bare(MessageType type, long time, long xid) {
        return FailoverMessage.of(type, time, xid, List.of());
    }

    public static FailoverMessage poolResp(long time, long xid, long transferred) {
        return FailoverMessage.of(MessageType.POOLRESP, time, xid,
                List.of(FailoverOption.uint32(OptionCode.ADDRESSES_TRANSFERRED, transferred)));
    }

    /** A BNDACK of the update {@code xid} for {@code address}; {@code reason} null acknowledges. */
    public static FailoverMessage bindAck(long time, long xid, java.net.Inet4Address address, RejectReason reason,
            String message) {
        List<FailoverOption> o = new ArrayList<>();
        o.add(FailoverOption.address(OptionCode.ASSIGNED_IP_ADDRESS, address));
        rejection(o, reason, message == null && reason != null ? reason.toString() : message);
        return FailoverMessage.of(MessageType.BNDACK, time, xid, o);
    }

    private static void rejection(List<FailoverOption> o, RejectReason reason, String message) {
        if (reason != null) {
            o.add(FailoverOption.uint8(OptionCode.REJECT_REASON, reason.code()));
            if (message != null) {
                o.add(FailoverOption.text(OptionCode.MESSAGE, message));
            }
        }
    }
}
