package org.leasehold.api.pipeline;

import java.util.Locale;

/**
 * The points in packet and lease processing where {@link PacketHandler}s run, in processing order.
 *
 * <p>Each constant says what the engine has done before the point, what a handler may change there,
 * and what each {@link Verdict} means there. {@link Verdict#CONTINUE} always means "run the next
 * handler, then the engine's own step". A verdict not listed for a point is treated as CONTINUE and
 * counted as a handler error. {@link Verdict#park} is allowed everywhere: the rest of the point runs
 * when the stage completes, with the stage's verdict taking the place of the park.
 *
 * <p>Within one point handlers run in ascending {@code leasehold.order}; the first verdict other
 * than CONTINUE ends the point. The request is never changed in place: a handler that wants another
 * request (RECEIVE only) records its view in an attribute.
 */
public enum HookPoint {

    /**
     * The datagram decoded into a {@link org.leasehold.api.message.DhcpMessage}; nothing else done.
     * Source address and the request are set; there is no reply yet. Handlers may put attributes
     * (e.g. a parsed relay identity) for later points.
     * <ul>
     * <li>SKIP: ignore the packet silently (not counted as a drop).</li>
     * <li>DROP: discard the packet, counted as dropped by a handler.</li>
     * <li>RESPOND: send the reply the handler set with {@code ctx.reply(..)} now; no lease work.</li>
     * </ul>
     */
    RECEIVE,

    /**
     * The engine is assigning client classes (dhcpd.conf {@code class}/{@code subclass} matches).
     * Handlers add classification facts as attributes (e.g. the Option 82 identity at order 100),
     * which the class matcher reads after this point; the matched classes are then in
     * {@link PipelineAttributes#CLASSES}.
     * <ul>
     * <li>SKIP: do not run the configured class matches; only classes handlers set apply.</li>
     * <li>DROP: discard the packet (e.g. an unknown subscriber).</li>
     * <li>RESPOND: send the handler's reply now; no subnet or lease work.</li>
     * </ul>
     */
    CLASSIFY,

    /**
     * The engine chose the subnet (giaddr, link-selection, or receiving interface) and put it in
     * {@link PipelineAttributes#SUBNET}. Handlers may replace it to steer the client to another subnet.
     * <ul>
     * <li>SKIP: serve the packet with no subnet: no address, only an INFORM answer is possible.</li>
     * <li>DROP: discard the packet.</li>
     * <li>RESPOND: send the handler's reply now.</li>
     * </ul>
     */
    SUBNET_SELECT,

    /**
     * The engine picked a lease candidate (an offer for DISCOVER, the requested address for REQUEST)
     * but has stored nothing. Handlers may veto it, or replace it in {@link PipelineAttributes#LEASE}.
     * <ul>
     * <li>SKIP: the engine assigns no lease; a handler is expected to have put one. Without it the
     * client gets no address (DISCOVER unanswered, REQUEST NAKed).</li>
     * <li>DROP: discard the packet; nothing stored.</li>
     * <li>RESPOND: send the handler's reply now (e.g. a NAK); nothing stored.</li>
     * </ul>
     */
    LEASE_SELECT,

    /**
     * The lease is about to be made durable (REQUEST → ACK, BOOTP). Handlers may amend
     * {@link PipelineAttributes#LEASE} or park for an external system (CLF, RADIUS) that must agree first.
     * <ul>
     * <li>SKIP: do not store the lease; a handler took it over. The ACK is still sent.</li>
     * <li>DROP: discard the packet; nothing stored, no answer.</li>
     * <li>RESPOND: send the handler's reply (e.g. a NAK) instead of committing.</li>
     * </ul>
     */
    LEASE_COMMIT,

    /**
     * The engine has built the reply (OFFER, ACK, NAK, or the ACK to an INFORM) and set it with
     * {@code ctx.reply(..)}. Handlers add or replace options by setting a new reply. This is where
     * capability options (user options, P-CSCF, user-ID provisioning) are added.
     * <ul>
     * <li>SKIP: skip the remaining handlers; the reply goes on to SEND as it is.</li>
     * <li>DROP: send nothing; state already stored stays.</li>
     * <li>RESPOND: same as SKIP.</li>
     * </ul>
     */
    RESPOND,

    /**
     * The reply is final and about to be encoded and sent. Handlers may observe (logging, export)
     * or make last changes to the reply.
     * <ul>
     * <li>SKIP: a handler sent the reply itself; the engine sends nothing.</li>
     * <li>DROP: send nothing; state already stored stays.</li>
     * <li>RESPOND: same as CONTINUE.</li>
     * </ul>
     */
    SEND,

    /**
     * A lease ran out (no packet: {@link PacketContext#hasRequest()} is false; the lease is
     * {@link PipelineAttributes#LEASE}). Handlers clean up external state (DNS, CLF).
     * <ul>
     * <li>SKIP: a handler reclaimed the lease itself; the engine leaves it as it is.</li>
     * <li>DROP: same as SKIP.</li>
     * </ul>
     */
    LEASE_EXPIRE,

    /**
     * A client released its lease (DHCPRELEASE) or an operator freed it (no request then). The lease
     * is {@link PipelineAttributes#LEASE}; modifying it has no effect.
     * <ul>
     * <li>SKIP: do not free the lease; it expires as usual.</li>
     * <li>DROP: same as SKIP.</li>
     * </ul>
     */
    LEASE_RELEASE;

    /**
     * The hook point a service property names, case-insensitively.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static HookPoint parse(Object property) {
        if (property == null) {
            throw new IllegalArgumentException("missing " + PacketHandler.HOOK + " service property");
        }
        String name = property.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (HookPoint h : values()) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown hook point '" + property + "'");
    }
}
