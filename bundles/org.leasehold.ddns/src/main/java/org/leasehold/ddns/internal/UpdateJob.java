package org.leasehold.ddns.internal;

import java.net.Inet4Address;
import java.util.Objects;
import org.leasehold.api.lease.LeaseKey;

/**
 * One lease's DNS work: add its records (after a grant or renewal) or remove them (after a release,
 * expiry, decline or a change of name). Immutable.
 *
 * @param key                the lease
 * @param add                add when true, remove when false
 * @param binding            the records
 * @param ttl                TTL of added records
 * @param conflictDetection  {@code update-conflict-detection}: RFC 4703 prerequisites on the forward name
 * @param sharedReverse      whether the address is in the default space, whose PTR the lease owns
 *                           whole; a lease of another space adds and removes only its own PTR record
 */
record UpdateJob(LeaseKey key, boolean add, DnsBinding binding, long ttl, boolean conflictDetection,
        boolean sharedReverse) {

    UpdateJob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(binding, "binding");
    }

    Inet4Address address() {
        return key.address();
    }

    String describe() {
        return (add ? "add " : "remove ") + binding.ptrTarget().orElse("?") + " / " + binding.reverseName().orElse("-")
                + " for " + key;
    }
}
