package org.leasehold.ddns.internal;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.leasehold.ddns.internal.config.DdnsSettings;

/**
 * What the packet handlers read of the running DDNS capability: the settings in force and a counter.
 * The handlers are registered only while dhcpd.conf switches DDNS on ({@code ddns-update-style
 * standard} or {@code interim}), so with DDNS off, or the feature merely installed, no handler runs
 * and nothing changes on the wire. Thread-safe.
 */
final class DdnsActive {

    private final Supplier<DdnsSettings> settings;
    private final LongAdder badFqdn;

    DdnsActive(Supplier<DdnsSettings> settings, LongAdder badFqdn) {
        this.settings = settings;
        this.badFqdn = badFqdn;
    }

    /** The settings in force. */
    DdnsSettings settings() {
        return settings.get();
    }

    /** Counts a client FQDN option that could not be decoded. */
    LongAdder badFqdn() {
        return badFqdn;
    }
}
