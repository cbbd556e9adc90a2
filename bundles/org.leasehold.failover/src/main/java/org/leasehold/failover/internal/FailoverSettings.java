package org.leasehold.failover.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Optional settings of the failover bundle (PID {@value #PID}); the relationships themselves are
 * configured in dhcpd.conf, as in ISC dhcpd.
 */
@ObjectClassDefinition(name = "Leasehold failover", description = "Where failover state is journaled, and lease affinity")
public @interface FailoverSettings {

    String PID = "org.leasehold.failover";

    @AttributeDefinition(description = "Folder of the relationships' state files; empty: ${karaf.data}/leasehold/failover")
    String stateDirectory() default "";

    @AttributeDefinition(description = "Primary only: an address whose expiry or release the partner acknowledged goes"
            + " to the secondary (BACKUP) instead of FREE when load balancing gives its last client to the secondary"
            + " and the secondary is not over max-lease-ownership (ISC dhcpd's lease affinity)")
    boolean leaseAffinity() default false;
}
