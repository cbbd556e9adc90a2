package org.leasehold.core.internal.expr;

import java.util.HashMap;
import org.leasehold.core.internal.value.Bytes;
import java.util.Map;
import java.util.Optional;

/** A hand-built packet for tests: options by (space, code) and a hardware address. */
public final class FakePacket implements PacketView {

    private final Map<String, Bytes> options = new HashMap<>();
    private Bytes hardware = Bytes.parseColonHex("01:00:00:00:00:00:01");

    public static FakePacket ethernet(String mac) {
        FakePacket p = new FakePacket();
        p.hardware = Bytes.parseColonHex("01:" + mac);
        return p;
    }

    public FakePacket with(int code, String ascii) {
        return with("dhcp", code, Bytes.of(ascii));
    }

    public FakePacket with(String space, int code, Bytes value) {
        options.put(space + "/" + code, value);
        return this;
    }

    @Override
    public Optional<Bytes> option(String space, int code) {
        return Optional.ofNullable(options.get(space + "/" + code));
    }

    @Override
    public Bytes hardware() {
        return hardware;
    }
}
