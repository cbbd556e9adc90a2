package org.leasehold.web.internal;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the metrics every {@code alarmIntervalSeconds} on a thread of its own ({@code leasehold-alarms})
 * and reports each {@link AlarmRules} transition twice: a log line on {@value #ALARM_LOGGER} (WARN when
 * raised, INFO when cleared) and as an OSGi event on {@code org/leasehold/alarm/KIND} when an EventAdmin
 * is there ({@link EventAlarmPublisher}; tracked by name, so that without Karaf's {@code eventadmin}
 * feature nothing links to its package). Thread-safe.
 */
@Component(immediate = true, configurationPid = WebConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class AlarmMonitor {

    static final String ALARM_LOGGER = "org.leasehold.web.alarm";
    private static final Logger ALARMS = LoggerFactory.getLogger(ALARM_LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(AlarmMonitor.class);

    private final MetricsCollector collector;
    private final AlarmRules rules = new AlarmRules();
    private final int threshold;
    private final ScheduledExecutorService timer;

    private static final String EVENT_ADMIN = "org.osgi.service.event.EventAdmin";
    private final ServiceTracker<Object, Object> events;
    private volatile boolean unlinked;

    @Activate
    public AlarmMonitor(WebConfig config, BundleContext context, @Reference MetricsCollector collector) {
        this.collector = collector;
        this.events = new ServiceTracker<>(context, EVENT_ADMIN, null);
        events.open();
        this.threshold = Math.max(0, Math.min(100, config.leaseThreshold()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leasehold-alarms");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, config.alarmIntervalSeconds());
        timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.SECONDS);
        LOG.info("Leasehold alarms checked every {} s, pool threshold {}%", every, threshold);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        events.close();
    }

    private void check() {
        try {
            List<Alarm> alarms;
            synchronized (rules) {
                alarms = rules.check(collector.scrape(), threshold);
            }
            alarms.forEach(this::report);
        } catch (RuntimeException e) {
            LOG.warn("Alarm check failed: {}", String.valueOf(e));
        }
    }

    private void report(Alarm a) {
        if (a.raised()) {
            ALARMS.warn("ALARM raised {}: {}", a.kind(), a.message());
        } else {
            ALARMS.info("ALARM cleared {}: {}", a.kind(), a.message());
        }
        Object admin = events.getService();
        if (admin != null && !unlinked) {
            try {
                EventAlarmPublisher.post(admin, a);
            } catch (NoClassDefFoundError | ClassCastException e) {
                // an EventAdmin came without this bundle being rewired to its package: log lines only
                unlinked = true;
                LOG.warn("Alarms not posted as OSGi events: org.osgi.service.event is not wired to this bundle ({});"
                        + " refresh it (bundle:refresh org.leasehold.web)", String.valueOf(e));
            }
        }
    }
}
