package org.leasehold.core.internal.classify;

import java.util.Set;
import org.leasehold.core.internal.expr.ForwardingPacketView;
import org.leasehold.core.internal.expr.PacketView;

/** A packet seen during classification: the memberships decided so far and whether the host is known. Single use. */
final class ClassifyingView extends ForwardingPacketView {

    private final Set<String> classesSoFar;
    private final boolean known;

    ClassifyingView(PacketView packet, Set<String> classesSoFar, boolean known) {
        super(packet);
        this.classesSoFar = classesSoFar;
        this.known = known;
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
