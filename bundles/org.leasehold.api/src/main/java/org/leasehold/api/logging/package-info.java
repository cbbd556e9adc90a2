/**
 * Logging helpers the core and capabilities share: {@link org.leasehold.api.logging.RateLimitedLog},
 * a WARN per key and interval, so a flood (a peer that is down, a handler failing on every packet)
 * costs a line per interval instead of one per packet.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.leasehold.api.logging;
