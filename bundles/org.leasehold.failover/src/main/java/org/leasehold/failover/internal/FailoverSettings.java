package org.leasehold.failover.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Optional settings of the failover bundle (PID {@value #PID}); the relationships themselves are
 * configured in dhcpd.conf, as in ISC dhcpd.
 */
@ObjectClassDefinition(name = "Leasehold failover", description = "Where failover state is journaled")
public @interface FailoverSettings {

    String PID = "org.leasehold.failover";

    @AttributeDefinition(description = "Folder of the relationships' state files; empty: ${karaf.data}/leasehold/failover")
    String stateDirectory() default "";
}
