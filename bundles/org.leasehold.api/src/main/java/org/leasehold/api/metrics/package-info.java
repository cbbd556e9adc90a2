/**
 * Metrics: how the core and capabilities expose counters and gauges to monitoring (the OpenMetrics
 * endpoint, {@code dhcp:status}) without the collector knowing them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.leasehold.api.metrics;
