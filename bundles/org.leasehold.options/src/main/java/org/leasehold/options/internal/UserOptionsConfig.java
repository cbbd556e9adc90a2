package org.leasehold.options.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * User-defined options (IPWorks "custom option"): PID {@value #PID}, file
 * {@code etc/org.leasehold.options.cfg}. Each key {@code option.<code> = <hex>} adds option
 * {@code code} (1..254) with those bytes to every OFFER and ACK, e.g. {@code option.224 = 0a:0b:0c}
 * or {@code option.250 = 0x48656c6c6f}. Without the file nothing is added.
 */
@ObjectClassDefinition(name = "Leasehold user-defined options", description = "Options by numeric code and hex value added to replies")
public @interface UserOptionsConfig {

    String PID = "org.leasehold.options";

    @AttributeDefinition(description = "Replace an option of the same code that the server already put in the reply")
    boolean overwrite() default false;

    @AttributeDefinition(description = "Add an option only when the client asks for it in option 55")
    boolean requestedOnly() default false;
}
