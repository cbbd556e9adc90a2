package org.leasehold.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step a capability adds to packet processing. Register it as an OSGi service (a DS component)
 * with the service properties {@value #HOOK} (a {@link HookPoint} name), {@value #ORDER} (an int,
 * lower runs first, default {@value #DEFAULT_ORDER}) and optionally {@value #ON_ERROR}
 * ({@code continue} or {@code drop}, see {@link FailureMode}) and {@value #NAME}. The engine picks
 * handlers up and lets them go at any time, also while packets are in flight.
 *
 * <p>Threading: {@link #handle} is called on the engine's I/O threads, concurrently for different
 * packets, so implementations are thread-safe and keep per-packet state only in the context. It
 * must not block (no file, socket or lock waits): work that waits returns
 * {@link Verdict#park(java.util.concurrent.CompletionStage)} instead.
 *
 * <p>A handler that throws is counted and logged with its name and the packet's label; the packet
 * then continues or is dropped according to the handler's declared failure mode.
 */
@ConsumerType
public interface PacketHandler {

    /** Service property: the {@link HookPoint} name this handler runs at. Required. */
    String HOOK = "leasehold.hook";
    /** Service property: position within the hook point, lower first. */
    String ORDER = "leasehold.order";
    /** Service property: {@code continue} (default) or {@code drop} when {@link #handle} throws. */
    String ON_ERROR = "leasehold.onError";
    /** Service property: name in logs and {@code dhcp:pipeline}; defaults to the component name. */
    String NAME = "leasehold.name";
    /** The order of a handler that declares none. */
    int DEFAULT_ORDER = 1000;

    /**
     * Looks at (and may add to) one packet's context and says what happens next.
     *
     * @return never {@code null}; {@link Verdict#CONTINUE} when the handler has nothing to say
     */
    Verdict handle(PacketContext ctx);
}
