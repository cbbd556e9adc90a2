package org.leasehold.api.pipeline;

import java.util.Locale;

/**
 * What happens to a packet when a handler throws (or returns no verdict, or its parked stage fails),
 * declared by the handler in the {@value PacketHandler#ON_ERROR} service property.
 */
public enum FailureMode {
    /** Ignore the failed handler: the packet goes on as if it had said CONTINUE. The default, so a
     * broken optional capability never stops DHCP service. */
    CONTINUE,
    /** Drop the packet: for handlers whose work is a precondition (e.g. authentication). */
    DROP;

    /**
     * The mode a service property names; absent means {@link #CONTINUE}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static FailureMode parse(Object property) {
        if (property == null) {
            return CONTINUE;
        }
        String s = property.toString().trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "", "continue":
                return CONTINUE;
            case "drop":
                return DROP;
            default:
                throw new IllegalArgumentException("unknown " + PacketHandler.ON_ERROR + " '" + property
                        + "' (continue|drop)");
        }
    }
}
