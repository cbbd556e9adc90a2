package org.leasehold.leasequery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Leasequery (RFC 4388). PID {@value #PID}, file {@code etc/org.leasehold.leasequery.cfg}. Without this
 * configuration the capability answers nothing and DHCPLEASEQUERY stays an unknown message type to the
 * core (counted and dropped).
 */
@ObjectClassDefinition(name = "Leasehold Leasequery", description = "RFC 4388 leasequery for configured relays")
public @interface LeasequeryConfig {

    String PID = "org.leasehold.leasequery";

    @AttributeDefinition(description = "Relays allowed to query: addresses or CIDR prefixes, comma-separated"
            + " (198.51.100.1, 198.18.0.0/24). Both the datagram's source and its giaddr must match; an empty"
            + " list answers nobody")
    String[] relays() default {};

    @AttributeDefinition(description = "Option 54 of the answers; empty: dhcpd.conf's global server-identifier,"
            + " else none")
    String serverIdentifier() default "";
}
