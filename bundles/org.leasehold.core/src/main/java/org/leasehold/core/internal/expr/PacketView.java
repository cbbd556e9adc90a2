package org.leasehold.core.internal.expr;

import java.net.Inet4Address;
import org.leasehold.core.internal.value.Bytes;
import java.util.Optional;
import java.util.Set;

/**
 * What expressions may read from a client message. Implementations are immutable snapshots of one
 * packet; evaluation never blocks.
 */
public interface PacketView {

    /** The option's value bytes, in space "dhcp" (standard) or "agent" (option 82 sub-options). */
    Optional<Bytes> option(String space, int code);

    /** ISC {@code hardware}: htype followed by the first hlen bytes of chaddr. */
    Bytes hardware();

    /** The raw packet bytes, for {@code packet(offset, length)}; empty when not kept. */
    default Bytes packet() {
        return Bytes.of(new byte[0]);
    }

    /** The address leased to the client, once one is chosen. */
    default Optional<Inet4Address> leasedAddress() {
        return Optional.empty();
    }

    /** Classes the packet is already known to belong to (for {@code member of}). */
    default Set<String> classes() {
        return Set.of();
    }

    /**
     * The text of a pipeline attribute put by a capability's handler ({@code attribute "option82.circuit-id"}),
     * when it holds text or bytes.
     */
    default Optional<Bytes> attribute(String name) {
        return Optional.empty();
    }

    /**
     * {@code config-option}: the value the configuration in force for this client gives the option
     * (written values of its scopes, most specific first); empty outside a scope chain.
     */
    default Optional<Bytes> configOption(String space, int code) {
        return Optional.empty();
    }

    /** Whether a host declaration matches the client (for {@code known}). */
    default boolean known() {
        return false;
    }

    /** A lease variable (ISC {@code set NAME = ...}) of the lease an event runs for, by its bare name. */
    default Optional<Bytes> variable(String name) {
        return Optional.empty();
    }

    /** ISC {@code lease-time}: seconds of the lease being granted or ended (events only). */
    default Optional<Long> leaseTime() {
        return Optional.empty();
    }

    /** ISC {@code host-decl-name}: the name of the host declaration matched for the client. */
    default Optional<String> hostDeclName() {
        return Optional.empty();
    }

    /** ISC {@code static}: whether the lease is a host's fixed address (events only). */
    default Optional<Boolean> staticLease() {
        return Optional.empty();
    }
}
