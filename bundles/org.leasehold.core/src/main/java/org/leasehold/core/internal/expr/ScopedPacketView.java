package org.leasehold.core.internal.expr;

import java.util.Optional;
import java.util.function.BiFunction;
import org.leasehold.core.internal.value.Bytes;

/**
 * A packet seen from inside the scope chain resolved for it: every read forwards to the packet,
 * {@code config-option} reads the options the chain writes, and an option the packet does not carry
 * may come from {@code parsed} (the sub-options of its option 43 when the chain says
 * {@code parse-vendor-option}). Immutable.
 */
public final class ScopedPacketView extends ForwardingPacketView {

    private final BiFunction<String, Integer, Optional<Bytes>> configured;
    private final BiFunction<String, Integer, Optional<Bytes>> parsed;

    /**
     * @param configured the value the scope chain writes for (space, code), most specific scope winning
     * @param parsed     further options of the packet in other spaces (space, code)
     */
    public ScopedPacketView(PacketView packet, BiFunction<String, Integer, Optional<Bytes>> configured,
            BiFunction<String, Integer, Optional<Bytes>> parsed) {
        super(packet);
        this.configured = configured;
        this.parsed = parsed;
    }

    @Override
    public Optional<Bytes> option(String space, int code) {
        Optional<Bytes> v = packet.option(space, code);
        return v.isPresent() ? v : parsed.apply(space, code);
    }

    @Override
    public Optional<Bytes> configOption(String space, int code) {
        return configured.apply(space, code);
    }
}
