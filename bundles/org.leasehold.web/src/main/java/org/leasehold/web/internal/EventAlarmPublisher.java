package org.leasehold.web.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts an alarm (asynchronously) as an OSGi event on {@code org/leasehold/alarm/KIND} with the
 * properties {@code alarm}, {@code state} ({@code raised}/{@code cleared}), {@code subject},
 * {@code message} and the alarm's own. The only class of the bundle that links to
 * {@code org.osgi.service.event}, which the bundle imports optionally: {@link AlarmMonitor} calls it
 * only once it has found an EventAdmin service, so the rest works in a distribution without one.
 */
final class EventAlarmPublisher {

    private EventAlarmPublisher() {
    }

    static void post(Object eventAdmin, Alarm a) {
        Map<String, Object> props = new HashMap<>(a.properties());
        props.put("alarm", a.kind());
        props.put("state", a.raised() ? "raised" : "cleared");
        props.put("subject", a.subject());
        props.put("message", a.message());
        ((EventAdmin) eventAdmin).postEvent(new Event(a.topic(), props));
    }
}
