package org.leasehold.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the running server says of itself: the answer behind {@code dhcp:status}.
 * Implemented by the core; thread-safe; calls never block.
 */
@ProviderType
public interface ServerInfo {

    /** One line per fact, stable keys (e.g. {@code listen}, {@code config}, {@code leases.active}). */
    Map<String, String> status();
}
