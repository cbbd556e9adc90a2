package org.leasehold.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A capability's lines in {@code dhcp:status} (and in every status view a management interface
 * offers): its state and counters, under its own prefix. Register it as a service; the core takes
 * contributors as they come and go. {@link #status()} is called from console and management threads,
 * must be thread-safe and must not block.
 */
@ConsumerType
public interface StatusContributor {

    /** The prefix of this contributor's keys ({@code failover} gives {@code failover.state}, ...). */
    String prefix();

    /** One line per fact, stable keys without the prefix, in display order. */
    Map<String, String> status();
}
