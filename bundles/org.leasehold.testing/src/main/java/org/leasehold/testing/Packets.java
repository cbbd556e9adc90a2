package org.leasehold.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.message.SubOption;
import org.leasehold.api.pipeline.PacketContext;

/**
 * Real captured packets (see {@code packets/README.md} beside this class) and the pipeline contexts a
 * handler test needs, as the engine would hand them over. Stateless.
 */
public final class Packets {

    private Packets() {
    }

    /** A captured packet by file name, e.g. {@code "dhcrelay-discover.hex"}. */
    public static DhcpMessage real(String name) {
        try (InputStream in = Packets.class.getResourceAsStream("packets/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured packet " + name);
            }
            return DhcpCodec.decode(hex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | DecodeException e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** Sub-option {@code code} of {@code m}'s option 82. */
    public static byte[] agentSubOption(DhcpMessage m, int code) {
        return RelayAgentInformation.from(m).flatMap(i -> i.get(code)).map(SubOption::bytes)
                .orElseThrow(() -> new IllegalArgumentException("no option 82 sub-option " + code));
    }

    /** Hex with or without colons and spaces. */
    public static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(":", "").replace(" ", ""));
    }

    /** {@code m} with {@code options} added or replaced. */
    public static DhcpMessage with(DhcpMessage m, DhcpOption... options) {
        DhcpOptions o = m.options();
        for (DhcpOption x : options) {
            o = o.with(x);
        }
        return m.toBuilder().options(o).build();
    }

    /** A context for {@code m} received from {@code source} port 67 (a relay), as at RECEIVE. */
    public static PacketContext context(DhcpMessage m, String source) {
        return PacketContext.of(m, new InetSocketAddress(source, 67));
    }

    /** A context at RESPOND: the request, and an empty reply of {@code type} built from it. */
    public static PacketContext responding(DhcpMessage request, String source, MessageType type) {
        PacketContext ctx = context(request, source);
        ctx.reply(request.toBuilder().op(2).options(DhcpOptions.empty()).messageType(type).build());
        return ctx;
    }

    /** Option {@code code} of the context's reply, or null. */
    public static byte[] replyOption(PacketContext ctx, int code) {
        return ctx.reply().orElseThrow().options().bytes(code).orElse(null);
    }
}
