package org.leasehold.core.internal.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.ServingState;
import org.leasehold.core.internal.engine.ServerControl;

/**
 * {@code dhcp:probe}: a DISCOVER/REQUEST exchange against this server over loopback UDP, directly
 * or as a relay ({@code --relay GIADDR}, with option 82 circuit-id/remote-id), printing each answer.
 * The server answers loopback senders at their source port, so the probe needs a loopback
 * {@code listen} entry (127.0.0.1 is the default) or {@code --server}.
 */
@Service
@Command(scope = "dhcp", name = "probe", description = "Runs a DISCOVER/REQUEST exchange against the server over loopback UDP")
public class ProbeCommand implements Action {

    @Reference(optional = true)
    ServerControl control;

    @Reference
    ServingState serving;

    @Option(name = "--relay", description = "Act as a relay agent with this giaddr")
    String relay;

    @Option(name = "--circuit-id", description = "Option 82 circuit-id (text) when relaying")
    String circuitId;

    @Option(name = "--remote-id", description = "Option 82 remote-id (text, or hex with 0x prefix) when relaying")
    String remoteId;

    @Option(name = "--mac", description = "Client hardware address (default random, locally administered)")
    String mac;

    @Option(name = "--server", description = "Server address:port (default the server's loopback socket)")
    String server;

    @Option(name = "--timeout", description = "Seconds to wait for each answer")
    int timeout = 3;

    @Override
    public Object execute() throws Exception {
        Serving.require(control, serving);
        InetSocketAddress to = target();
        HardwareAddress hw = mac != null ? HardwareAddress.parse(mac) : randomMac();
        int xid = new SecureRandom().nextInt();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(timeout * 1000);
            System.out.println("probe " + hw + " -> " + to + (relay != null ? " via relay " + relay : ""));
            Optional<DhcpMessage> offer = exchange(socket, to, request(MessageType.DISCOVER, xid, hw, null, null));
            if (offer.isEmpty()) {
                System.out.println("DISCOVER: no answer within " + timeout + " s"
                        + (relay == null ? " (a direct probe is served from the subnet of the loopback address;"
                                + " try --relay with the giaddr of a subnet that has a range)" : ""));
                return null;
            }
            print("DISCOVER", offer.get());
            Inet4Address sid = offer.get().options().address(54).orElse(null);
            Optional<DhcpMessage> ack = exchange(socket, to,
                    request(MessageType.REQUEST, xid + 1, hw, offer.get().yiaddr(), sid));
            if (ack.isEmpty()) {
                System.out.println("REQUEST: no answer within " + timeout + " s");
                return null;
            }
            print("REQUEST", ack.get());
        }
        return null;
    }

    private InetSocketAddress target() {
        if (server != null) {
            int colon = server.lastIndexOf(':');
            return colon < 0 ? new InetSocketAddress(server, control.serverPort())
                    : new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
        }
        return control.loopbackEndpoint().orElseThrow(() -> new IllegalStateException(
                "the server has no loopback listen entry; add 127.0.0.1 to listen or give --server"));
    }

    private DhcpMessage request(MessageType type, int xid, HardwareAddress hw, Inet4Address requested,
            Inet4Address sid) throws IOException {
        DhcpOptions o = DhcpOptions.empty().with(DhcpOption.ofUint8(53, type.code()))
                .with(DhcpOption.of(55, new byte[] {1, 3, 6, 15, 51, 54}));
        if (requested != null) {
            o = o.with(DhcpOption.ofAddress(50, requested));
        }
        if (sid != null) {
            o = o.with(DhcpOption.ofAddress(54, sid));
        }
        DhcpMessage.Builder b = DhcpMessage.builder().xid(xid).hardwareAddress(hw);
        if (relay != null) {
            b.giaddr((Inet4Address) InetAddress.getByName(relay)).hops(1);
            byte[] agent = agentInfo();
            if (agent.length > 0) { // an empty option 82 is malformed (RFC 3046 2.0): no sub-option, no option
                o = o.with(DhcpOption.of(82, agent));
            }
        } else {
            b.broadcast(true);
        }
        return b.options(o).build();
    }

    private byte[] agentInfo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int code = 1; code <= 2; code++) {
            String v = code == 1 ? circuitId : remoteId;
            if (v == null) {
                continue;
            }
            byte[] b = v.startsWith("0x") ? HexFormat.of().parseHex(v.substring(2)) : v.getBytes(StandardCharsets.UTF_8);
            out.write(code);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static Optional<DhcpMessage> exchange(DatagramSocket socket, InetSocketAddress to, DhcpMessage m)
            throws IOException {
        byte[] bytes = DhcpCodec.encode(m);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
        byte[] buf = new byte[2048];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            try {
                DhcpMessage r = DhcpCodec.decode(Arrays.copyOf(p.getData(), p.getLength()));
                if (r.op() == DhcpMessage.BOOTREPLY && r.xid() == m.xid()) {
                    return Optional.of(r);
                }
            } catch (DecodeException e) {
                System.out.println("undecodable answer: " + e.getMessage());
            }
        }
    }

    private static void print(String step, DhcpMessage r) {
        DhcpOptions o = r.options();
        System.out.printf("%s: %s yiaddr=%s server-id=%s lease=%s option82=%s%n", step,
                r.messageType().map(MessageType::name).orElse("BOOTREPLY"), r.yiaddr().getHostAddress(),
                o.address(54).map(Inet4Address::getHostAddress).orElse("-"),
                o.uint32Long(51).map(String::valueOf).orElse("-"),
                o.bytes(82).map(b -> HexFormat.of().formatHex(b)).orElse("-"));
    }

    private static HardwareAddress randomMac() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        b[0] = (byte) ((b[0] & 0xfc) | 0x02);
        return HardwareAddress.ethernet(b);
    }
}
