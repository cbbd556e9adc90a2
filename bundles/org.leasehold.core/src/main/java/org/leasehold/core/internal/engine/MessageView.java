package org.leasehold.core.internal.engine;

import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.PacketView;

/**
 * A received message as dhcpd.conf expressions see it: standard options, option 82 sub-options
 * (space "agent"), {@code hardware} and the raw packet. Immutable.
 */
final class MessageView implements PacketView {

    private final DhcpMessage message;
    private final byte[] raw;
    private final PacketContext context;

    MessageView(DhcpMessage message, byte[] raw) {
        this(message, raw, null);
    }

    /** With the packet's pipeline context, whose text attributes {@code attribute "NAME"} reads. */
    MessageView(DhcpMessage message, byte[] raw, PacketContext context) {
        this.message = message;
        this.raw = raw;
        this.context = context;
    }

    @Override
    public Optional<Bytes> attribute(String name) {
        if (context == null) {
            return Optional.empty();
        }
        return context.attribute(name).flatMap(v -> v instanceof CharSequence cs
                ? Optional.of(Bytes.of(cs.toString())) : v instanceof byte[] b ? Optional.of(Bytes.of(b)) : Optional.empty());
    }

    @Override
    public Optional<Bytes> option(String space, int code) {
        if ("agent".equals(space)) {
            return RelayAgentInformation.from(message).flatMap(rai -> rai.get(code)).map(so -> Bytes.of(so.bytes()));
        }
        return "dhcp".equals(space) ? message.options().bytes(code).map(Bytes::of) : Optional.empty();
    }

    @Override
    public Bytes hardware() {
        HardwareAddress hw = message.hardwareAddress();
        byte[] b = new byte[hw.length() + 1];
        b[0] = (byte) hw.htype();
        System.arraycopy(hw.bytes(), 0, b, 1, hw.length());
        return Bytes.of(b);
    }

    @Override
    public Bytes packet() {
        return Bytes.of(raw);
    }
}
