package org.leasehold.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@value #PID}: where the endpoint and the page are, and the alarm thresholds. The
 * address and port are Karaf's HTTP service's ({@code etc/org.ops4j.pax.web.cfg}, loopback by default).
 */
@ObjectClassDefinition(pid = WebConfig.PID, name = "Leasehold metrics and status page")
public @interface WebConfig {

    String PID = "org.leasehold.web";

    @AttributeDefinition(description = "Path of the OpenMetrics/Prometheus endpoint")
    String metricsPath() default "/metrics";

    @AttributeDefinition(description = "Path of the status page (its data at PATH/status.json)")
    String pagePath() default "/leasehold";

    @AttributeDefinition(description = "The spec's leasethreshold: a pool whose utilisation reaches this percentage"
            + " raises an alarm, cleared when it falls back below (1..100; 0 turns the alarm off)")
    int leaseThreshold() default 80;

    @AttributeDefinition(description = "Seconds between alarm checks")
    int alarmIntervalSeconds() default 10;

    @AttributeDefinition(description = "Seconds between refreshes of the status page")
    int pageRefreshSeconds() default 5;
}
