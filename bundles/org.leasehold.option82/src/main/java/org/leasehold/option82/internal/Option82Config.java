package org.leasehold.option82.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Flexible Option 82 parsing. PID {@value #PID}, file {@code etc/org.leasehold.option82.cfg}. Without
 * this configuration the capability does nothing. Besides the keys below, the rules are the keys
 * {@code rule.<n>.*} described in {@link RuleParser}.
 */
@ObjectClassDefinition(name = "Leasehold Option 82", description = "Rules turning relay agent information into a subscriber identity")
public @interface Option82Config {

    String PID = "org.leasehold.option82";

    @AttributeDefinition(description = "Seconds between two WARN lines about unparseable option 82")
    int warnIntervalSeconds() default 60;
}
