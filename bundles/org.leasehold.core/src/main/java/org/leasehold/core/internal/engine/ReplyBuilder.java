package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.value.Ipv4;

/**
 * Builds replies (RFC 2131 §4.3.1 table 3): header fields copied from the request, message type,
 * server identifier (54) in every DHCP reply, lease times, the configured options, and option 82
 * echoed last and unchanged (RFC 3046 §2.2). Stateless.
 */
final class ReplyBuilder {

    /** Options a BOOTREPLY never carries (RFC 1533 §9: DHCP extensions). */
    private static final Set<Integer> DHCP_ONLY = Set.of(50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 61, 82);
    /** Options the engine sets itself; a configured value of these is ignored. */
    private static final Set<Integer> ENGINE_SET = Set.of(50, 51, 52, 53, 54, 55, 57, 61, 82);

    private ReplyBuilder() {
    }

    /** The reply header: op, hardware, xid, flags, giaddr and chaddr from the request. */
    static DhcpMessage.Builder header(DhcpMessage request) {
        return DhcpMessage.builder().op(DhcpMessage.BOOTREPLY).htype(request.htype()).hlen(request.hlen())
                .xid(request.xid()).flags(request.flags()).giaddr(request.giaddrInt()).chaddr(request.chaddr());
    }

    /** OFFER or ACK for a lease; {@code seconds} is the lease time, {@code ciaddr} copied for ACKs. */
    static DhcpMessage lease(Exchange x, MessageType type, long address, long seconds, List<Params> scopes) {
        DhcpMessage.Builder b = header(x.request).yiaddr((int) address);
        if (type.equals(MessageType.ACK)) {
            b.ciaddr(x.request.ciaddrInt());
        }
        boot(b, scopes);
        alwaysBroadcast(b, scopes);
        DhcpOptions.Builder o = DhcpOptions.builder();
        o.add(DhcpOption.ofUint8(53, type.code()));
        o.add(DhcpOption.ofAddress(54, x.serverId));
        echoClientId(x, o, scopes);
        o.add(DhcpOption.ofUint32(51, seconds));
        if (seconds != Lease.NEVER && seconds < 0xffffffffL) {
            o.add(DhcpOption.ofUint32(58, seconds / 2));
            o.add(DhcpOption.ofUint32(59, seconds * 7 / 8));
        }
        configured(o, x, scopes, Set.of());
        useHostDeclName(x, o, scopes);
        // ISC use-lease-addr-for-default-route (ack_lease): the leased address as router, unless routers is set
        if (!o.contains(3) && ConfigView.flag(scopes, "use-lease-addr-for-default-route").orElse(false)) {
            o.add(DhcpOption.ofAddress(3, Ipv4.of(address)));
        }
        echo82(x, o);
        return b.options(o.build()).build();
    }

    /** The ACK to an INFORM (§4.3.5): configuration only, no yiaddr, no lease time. */
    static DhcpMessage informAck(Exchange x, List<Params> scopes) {
        DhcpMessage.Builder b = header(x.request).ciaddr(x.request.ciaddrInt());
        boot(b, scopes);
        DhcpOptions.Builder o = DhcpOptions.builder();
        o.add(DhcpOption.ofUint8(53, MessageType.ACK.code()));
        o.add(DhcpOption.ofAddress(54, x.serverId));
        configured(o, x, scopes, Set.of(51, 58, 59));
        echo82(x, o);
        return b.options(o.build()).build();
    }

    /** A NAK (§4.3.2): no addresses, broadcast bit set when relayed so the relay broadcasts it. */
    static DhcpMessage nak(Exchange x, String why) {
        DhcpMessage.Builder b = header(x.request);
        if (x.relayed()) {
            b.broadcast(true);
        }
        DhcpOptions.Builder o = DhcpOptions.builder();
        o.add(DhcpOption.ofUint8(53, MessageType.NAK.code()));
        o.add(DhcpOption.ofAddress(54, x.serverId));
        echoClientId(x, o, x.scopes());
        o.add(DhcpOption.ofText(56, why));
        echo82(x, o);
        return b.options(o.build()).build();
    }

    /**
     * A BOOTREPLY (RFC 951/1534): address, boot fields and options, none of the DHCP-only ones. To a
     * BOOTREQUEST whose vend area has no RFC 1048 magic cookie, ISC (bootp.c) sends no options but the
     * client's own vend area back, padded to the 300-byte BOOTP minimum, unless {@code always-reply-rfc1048}
     * is on; Leasehold does the same.
     */
    static DhcpMessage bootReply(Exchange x, long address, List<Params> scopes) {
        DhcpMessage.Builder b = header(x.request).yiaddr((int) address).ciaddr(x.request.ciaddrInt());
        boot(b, scopes);
        alwaysBroadcast(b, scopes);
        Optional<byte[]> vend = x.request.wireVendArea();
        if (vend.isPresent() && !x.request.hasMagicCookie()
                && !ConfigView.flag(scopes, "always-reply-rfc1048").orElse(false)) {
            return b.wireLayout(Arrays.copyOf(vend.get(), Math.max(vend.get().length, BOOTP_VEND_MIN)), 0).build();
        }
        DhcpOptions.Builder o = DhcpOptions.builder();
        configured(o, x, scopes, DHCP_ONLY);
        useHostDeclName(x, o, scopes);
        return b.options(o.build()).build();
    }

    /** The vend area of a 300-byte BOOTP message (RFC 951). */
    private static final int BOOTP_VEND_MIN = 64;

    private static void boot(DhcpMessage.Builder b, List<Params> scopes) {
        ConfigView.text(scopes, "next-server").filter(Ipv4::isAddress).ifPresent(a -> b.siaddr((int) Ipv4.parse(a)));
        ConfigView.text(scopes, "filename").map(ReplyBuilder::unquote).ifPresent(f -> b.file(bytes(f, 128)));
        ConfigView.text(scopes, "server-name").map(ReplyBuilder::unquote).ifPresent(s -> b.sname(bytes(s, 64)));
    }

    /**
     * ISC {@code always-broadcast} (dhcp.c ack_lease, bootp.c): the reply's broadcast flag is set, so a
     * relay broadcasts it and a renewing client's ACK is broadcast rather than unicast to ciaddr.
     */
    private static void alwaysBroadcast(DhcpMessage.Builder b, List<Params> scopes) {
        if (ConfigView.flag(scopes, "always-broadcast").orElse(false)) {
            b.broadcast(true);
        }
    }

    /**
     * ISC {@code echo-client-id} (RFC 6842; dhcp.c echo_client_id): the client identifier (61) the
     * client sent is returned unchanged in OFFER, ACK and NAK. Off by default, as in ISC.
     */
    private static void echoClientId(Exchange x, DhcpOptions.Builder o, List<Params> scopes) {
        if (ConfigView.flag(scopes, "echo-client-id").orElse(false)) {
            x.request.options().get(61).ifPresent(o::add);
        }
    }

    /**
     * ISC {@code use-host-decl-names} (dhcp.c use_host_decl_name, for DHCP and BOOTP): the name of the
     * client's host declaration as host-name (12), unless a host-name option is configured.
     */
    private static void useHostDeclName(Exchange x, DhcpOptions.Builder o, List<Params> scopes) {
        if (x.host.isPresent() && !o.contains(12) && ConfigView.flag(scopes, "use-host-decl-names").orElse(false)) {
            o.add(DhcpOption.ofText(12, x.host.get().name()));
        }
    }

    private static void configured(DhcpOptions.Builder o, Exchange x, List<Params> scopes, Set<Integer> excluded) {
        DhcpOptions conf = x.view.options(scopes);
        if (x.subnet.isPresent() && !conf.contains(1) && !excluded.contains(1)) {
            o.add(DhcpOption.ofUint32(1, x.subnet.get().netmask()));
        }
        List<DhcpOption> all = conf.all();
        for (int i = 0, n = all.size(); i < n; i++) {
            DhcpOption c = all.get(i);
            if (!ENGINE_SET.contains(c.code()) && !excluded.contains(c.code()) && !o.contains(c.code())) {
                o.add(c);
            }
        }
    }

    private static void echo82(Exchange x, DhcpOptions.Builder o) {
        Optional<DhcpOption> rai = x.request.options().get(82);
        rai.ifPresent(o::add);
    }

    static Inet4Address address(long a) {
        return Ipv4.of(a);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static byte[] bytes(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length < max ? b : Arrays.copyOf(b, max - 1);
    }
}
