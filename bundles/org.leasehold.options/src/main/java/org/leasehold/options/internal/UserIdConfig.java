package org.leasehold.options.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * User-ID provisioning (spec §3.1.1.1): PID {@value #PID}, file
 * {@code etc/org.leasehold.options.userid.cfg}. When set, the Subscriber-ID the relay put in option 82
 * sub-option 6 is copied into reply option {@link #option()}. Without the file nothing is added and
 * option 82 is echoed as received.
 */
@ObjectClassDefinition(name = "Leasehold user-ID provisioning", description = "Copy the relay's Subscriber-ID (82.6) into a site option of the reply")
public @interface UserIdConfig {

    String PID = "org.leasehold.options.userid";

    @AttributeDefinition(description = "Reply option carrying the User ID, 224..254 (site-specific range)", min = "224", max = "254")
    int option();
}
