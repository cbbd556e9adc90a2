package org.leasehold.core.internal.classify;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.Set;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.PacketView;

/** A packet seen during classification: the memberships decided so far and whether the host is known. Single use. */
final class ClassifyingView implements PacketView {

    private final PacketView packet;
    private final Set<String> classesSoFar;
    private final boolean known;

    ClassifyingView(PacketView packet, Set<String> classesSoFar, boolean known) {
        this.packet = packet;
        this.classesSoFar = classesSoFar;
        this.known = known;
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
    public Optional<Bytes> attribute(String name) {
        return packet.attribute(name);
    }

    @Override
    public Set<String> classes() {
        return Set.copyOf(classesSoFar);
    }

    @Override
    public boolean known() {
        return known;
    }
}
