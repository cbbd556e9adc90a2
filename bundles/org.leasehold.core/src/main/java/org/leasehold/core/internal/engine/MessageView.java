package org.leasehold.core.internal.engine;

import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.core.internal.expr.Bytes;
import org.leasehold.core.internal.expr.PacketView;

/**
 * A received message as dhcpd.conf expressions see it: standard options, option 82 sub-options
 * (space "agent"), {@code hardware} and the raw packet. Immutable.
 */
final class MessageView implements PacketView {

    private final DhcpMessage message;
    private final byte[] raw;

    MessageView(DhcpMessage message, byte[] raw) {
        this.message = message;
        this.raw = raw;
    }

    @Override
    public Optional<Bytes> option(String space, int code) {
        if ("agent".equals(space)) {
            return message.options().bytes(82).flatMap(rai -> subOption(rai, code)).map(Bytes::of);
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

    static Optional<byte[]> subOption(byte[] rai, int code) {
        int i = 0;
        while (i + 1 < rai.length) {
            int c = rai[i] & 0xff;
            int len = rai[i + 1] & 0xff;
            if (i + 2 + len > rai.length) {
                return Optional.empty();
            }
            if (c == code) {
                return Optional.of(java.util.Arrays.copyOfRange(rai, i + 2, i + 2 + len));
            }
            i += 2 + len;
        }
        return Optional.empty();
    }
}
