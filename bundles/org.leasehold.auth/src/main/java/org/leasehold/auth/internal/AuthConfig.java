package org.leasehold.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * RFC 3118 authentication and RFC 3203 reconfiguration. PID {@value #PID}, file
 * {@code etc/org.leasehold.auth.cfg}. Without this configuration the capability does nothing.
 * {@code level} changes take effect on the next packet, without restart.
 */
@ObjectClassDefinition(name = "Leasehold Authentication", description = "RFC 3118 delayed authentication and FORCERENEW")
public @interface AuthConfig {

    String PID = "org.leasehold.auth";

    @AttributeDefinition(description = "0 unsupported, 1 mandatory, 2 optional")
    int level() default 2;

    @AttributeDefinition(description = "Key file; empty means ${karaf.etc}/dhcpkey.conf")
    String keyFile() default "";

    @AttributeDefinition(description = "Replay counter journal; empty means ${karaf.data}/leasehold/auth-replay.journal")
    String replayFile() default "";

    @AttributeDefinition(description = "FORCERENEW: clients per batch (the spec's reconfigThreshold), 0 = all at once")
    int reconfigThreshold() default 0;

    @AttributeDefinition(description = "FORCERENEW: milliseconds between two messages sent (pacing)")
    int reconfigIntervalMillis() default 10;

    @AttributeDefinition(description = "FORCERENEW: milliseconds to wait for the client's renewal before a retransmission")
    int reconfigTimeoutMillis() default 2000;
}
