package org.leasehold.ddns.internal;

import java.util.concurrent.atomic.LongAdder;
import org.leasehold.ddns.internal.config.DdnsSettings;

/**
 * Registered as a service only while dhcpd.conf switches DDNS on ({@code ddns-update-style standard}
 * or {@code interim}): the packet handlers depend on it, so with DDNS off (or the feature merely
 * installed) no handler runs and nothing changes on the wire. Thread-safe.
 */
public final class DdnsActive {

    private final DdnsService service;

    DdnsActive(DdnsService service) {
        this.service = service;
    }

    /** The settings in force. */
    public DdnsSettings settings() {
        return service.settings();
    }

    /** Counts a client FQDN option that could not be decoded. */
    LongAdder badFqdn() {
        return service.counters().badFqdn;
    }
}
