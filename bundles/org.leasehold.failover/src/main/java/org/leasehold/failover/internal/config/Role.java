package org.leasehold.failover.internal.config;

/** Which end of a failover relationship this server is (dhcpd.conf {@code primary;} or {@code secondary;}). */
public enum Role {
    PRIMARY, SECONDARY;

    /** The other end. */
    public Role other() {
        return this == PRIMARY ? SECONDARY : PRIMARY;
    }
}
