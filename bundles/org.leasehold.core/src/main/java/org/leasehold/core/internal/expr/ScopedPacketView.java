package org.leasehold.core.internal.expr;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.leasehold.core.internal.value.Bytes;

/**
 * A packet seen from inside the scope chain resolved for it: every read forwards to the packet,
 * {@code config-option} reads the options the chain writes, and an option the packet does not carry
 * may come from {@code parsed} (the sub-options of its option 43 when the chain says
 * {@code parse-vendor-option}). It overrides every method of
 * {@link PacketView} (a test checks that), so a method added there cannot silently fall back to its
 * default here. Immutable.
 */
public final class ScopedPacketView implements PacketView {

    private final PacketView packet;
    private final BiFunction<String, Integer, Optional<Bytes>> configured;
    private final BiFunction<String, Integer, Optional<Bytes>> parsed;

    /**
     * @param configured the value the scope chain writes for (space, code), most specific scope winning
     * @param parsed     further options of the packet in other spaces (space, code)
     */
    public ScopedPacketView(PacketView packet, BiFunction<String, Integer, Optional<Bytes>> configured,
            BiFunction<String, Integer, Optional<Bytes>> parsed) {
        this.packet = packet;
        this.configured = configured;
        this.parsed = parsed;
    }

    @Override
    public Optional<Bytes> option(String space, int code) {
        Optional<Bytes> v = packet.option(space, code);
        return v.isPresent() ? v : parsed.apply(space, code);
    }

    @Override
    public Bytes hardware() {
        return packet.hardware();
    }

    @Override
    public Bytes packet() {
        return packet.packet();
    }

    @Override
    public Optional<Inet4Address> leasedAddress() {
        return packet.leasedAddress();
    }

    @Override
    public Set<String> classes() {
        return packet.classes();
    }

    @Override
    public Optional<Bytes> attribute(String name) {
        return packet.attribute(name);
    }

    @Override
    public boolean known() {
        return packet.known();
    }

    @Override
    public Optional<Bytes> configOption(String space, int code) {
        return configured.apply(space, code);
    }

    @Override
    public Optional<Bytes> variable(String name) {
        return packet.variable(name);
    }

    @Override
    public Optional<Long> leaseTime() {
        return packet.leaseTime();
    }

    @Override
    public Optional<String> hostDeclName() {
        return packet.hostDeclName();
    }

    @Override
    public Optional<Boolean> staticLease() {
        return packet.staticLease();
    }
}
