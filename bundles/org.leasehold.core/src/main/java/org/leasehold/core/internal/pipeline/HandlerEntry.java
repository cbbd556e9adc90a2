package org.leasehold.core.internal.pipeline;

import java.util.Comparator;
import java.util.Map;
import org.leasehold.api.pipeline.FailureMode;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketHandler;

/**
 * One bound handler with what its service properties declare. Immutable apart from its counters,
 * which survive a property update of the same registration.
 */
record HandlerEntry(PacketHandler handler, String name, HookPoint hook, int order, int ranking,
        long serviceId, FailureMode onError, HandlerStats stats) {

    /** Lower order first; on a tie the higher service ranking, then the older service. */
    static final Comparator<HandlerEntry> RUN_ORDER = Comparator.comparingInt(HandlerEntry::order)
            .thenComparing(Comparator.comparingInt(HandlerEntry::ranking).reversed())
            .thenComparingLong(HandlerEntry::serviceId);

    /**
     * Reads the service properties.
     *
     * @throws IllegalArgumentException when hook, order or failure mode are not understood
     */
    static HandlerEntry of(PacketHandler handler, Map<String, ?> props, HandlerStats stats) {
        HookPoint hook = HookPoint.parse(props.get(PacketHandler.HOOK));
        int order = intProperty(props.get(PacketHandler.ORDER), PacketHandler.DEFAULT_ORDER, PacketHandler.ORDER);
        int ranking = intProperty(props.get("service.ranking"), 0, "service.ranking");
        Object id = props.get("service.id");
        long serviceId = id instanceof Number n ? n.longValue() : Long.MAX_VALUE;
        FailureMode onError = FailureMode.parse(props.get(PacketHandler.ON_ERROR));
        return new HandlerEntry(handler, nameOf(handler, props), hook, order, ranking, serviceId, onError, stats);
    }

    private static String nameOf(PacketHandler handler, Map<String, ?> props) {
        for (String key : new String[] {PacketHandler.NAME, "component.name"}) {
            Object v = props.get(key);
            if (v != null && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        return handler.getClass().getName();
    }

    private static int intProperty(Object value, int absent, String key) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("service property " + key + " is not an integer: " + value, e);
        }
    }
}
