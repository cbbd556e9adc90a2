package org.leasehold.core.internal.expr;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.Set;
import org.leasehold.core.internal.value.Bytes;

/**
 * A view that forwards every read of {@link PacketView} to another, for views that change a few:
 * it overrides every method (a test checks that), so a method added to PacketView cannot silently fall
 * back to its default in a subclass. Immutable when the wrapped view is.
 */
public abstract class ForwardingPacketView implements PacketView {

    protected final PacketView packet;

    protected ForwardingPacketView(PacketView packet) {
        this.packet = packet;
    }

    @Override
    public Optional<Bytes> option(String space, int code) {
        return packet.option(space, code);
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
        return packet.configOption(space, code);
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
