package org.leasehold.api.pipeline;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.leasehold.api.message.DhcpMessage;

/**
 * Everything the pipeline knows about one packet (or one lease event) while it is processed: the
 * immutable request, where it came from, the reply being built, and typed attributes.
 *
 * <p>One context belongs to one packet. The engine runs the handlers of a packet one at a time, but
 * a parked packet may resume on another thread, so the mutable parts (reply and attributes) are
 * safely published; handlers need no locking. Messages are immutable: a handler changes the reply
 * by building a new one and calling {@link #reply(DhcpMessage)}.
 */
public final class PacketContext {

    private final DhcpMessage request;
    private final InetSocketAddress source;
    /** Computed on first use: most packets are never logged. */
    private volatile String label;
    private final ConcurrentMap<AttributeKey<?>, Object> attributes = new ConcurrentHashMap<>();
    private volatile DhcpMessage reply;

    private PacketContext(DhcpMessage request, InetSocketAddress source, String label) {
        this.request = request;
        this.source = source;
        this.label = label;
    }

    /** The context of a received packet; {@code source} is the datagram's sender (client or relay). */
    public static PacketContext of(DhcpMessage request, InetSocketAddress source) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        return new PacketContext(request, source, null);
    }

    /** The context of a lease event with no packet (expiry, operator release); label e.g. the address. */
    public static PacketContext ofLeaseEvent(String label) {
        return new PacketContext(null, null, Objects.requireNonNull(label, "label"));
    }

    /** Whether a packet started this context; false only at lease events without one. */
    public boolean hasRequest() {
        return request != null;
    }

    /**
     * The request as received.
     *
     * @throws IllegalStateException at a lease event without a packet (see {@link #hasRequest()})
     */
    public DhcpMessage request() {
        if (request == null) {
            throw new IllegalStateException("no request at a lease event: " + label());
        }
        return request;
    }

    /** The datagram's sender, empty at lease events. */
    public Optional<InetSocketAddress> source() {
        return Optional.ofNullable(source);
    }

    /** The reply built so far, empty until the engine or a handler sets one. */
    public Optional<DhcpMessage> reply() {
        return Optional.ofNullable(reply);
    }

    /** Replaces the reply; pass the result of {@code reply().get().toBuilder()...build()}. */
    public void reply(DhcpMessage newReply) {
        this.reply = Objects.requireNonNull(newReply, "reply");
    }

    /** The attribute stored under {@code key}, if any. */
    public <T> Optional<T> get(AttributeKey<T> key) {
        return Optional.ofNullable(key.cast(attributes.get(key)));
    }

    /** Stores (or replaces) an attribute; {@code null} values are not allowed, use {@link #remove}. */
    public <T> void put(AttributeKey<T> key, T value) {
        attributes.put(key, key.cast(Objects.requireNonNull(value, "value")));
    }

    /** Removes an attribute; no effect when absent. */
    public void remove(AttributeKey<?> key) {
        attributes.remove(key);
    }

    public boolean has(AttributeKey<?> key) {
        return attributes.containsKey(key);
    }

    /**
     * The value of the attribute whose key is named {@code name} ({@link AttributeKey#name()}), for
     * readers that know attributes by name only (dhcpd.conf expressions: {@code attribute "option82.circuit-id"}).
     * Typed readers use {@link #get}.
     */
    public Optional<Object> attribute(String name) {
        for (var e : attributes.entrySet()) {
            if (e.getKey().name().equals(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** "xid=0x… chaddr=…" for a packet, the event label otherwise: what every log line names. */
    public String label() {
        String l = label;
        if (l == null) {
            l = request.label();
            label = l;
        }
        return l;
    }

    @Override
    public String toString() {
        return "PacketContext[" + label() + ", attributes=" + attributes.keySet() + "]";
    }
}
