/**
 * Metrics: how the core and capabilities expose counters and gauges to monitoring (the OpenMetrics
 * endpoint, {@code dhcp:status}) without the collector knowing them. 0.2: histograms.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.leasehold.api.metrics;
