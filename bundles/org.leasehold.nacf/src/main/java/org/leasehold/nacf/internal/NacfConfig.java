package org.leasehold.nacf.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The NACF: where the CLF is and how to talk to it. PID {@value #PID}, file {@code etc/org.leasehold.nacf.cfg}.
 * Without this configuration the capability does nothing. Besides the keys below,
 * {@code network.type.<rule> = TYPE} gives the network type of CPEs an Option 82 rule identified.
 */
@ObjectClassDefinition(name = "Leasehold NACF", description = "TISPAN NACF: pushes address bindings to a CLF over a2")
public @interface NacfConfig {

    String PID = "org.leasehold.nacf";

    @AttributeDefinition(description = "Host name or address of the CLF")
    String clf_host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port of the CLF")
    int clf_port() default 3097;

    @AttributeDefinition(description = "Shared secret keying the message authenticators (required)")
    String secret() default "";

    @AttributeDefinition(description = "Name of the a2 codec service to use (leasehold.a2.codec)")
    String codec() default "leasehold";

    @AttributeDefinition(description = "async: the ACK leaves at once; sync: the ACK waits for the CLF's answer")
    String mode() default "async";

    @AttributeDefinition(description = "sync mode: milliseconds the ACK waits for the CLF's answer")
    long sync_timeout_ms() default 2000;

    @AttributeDefinition(description = "sync mode, no answer in time, CLF down or attach refused: grant (ACK anyway) or drop")
    String sync_fallback() default "grant";

    @AttributeDefinition(description = "Milliseconds between two heartbeats")
    long heartbeat_interval_ms() default 5000;

    @AttributeDefinition(description = "Heartbeats unanswered in a row that declare the CLF down")
    int heartbeat_misses() default 3;

    @AttributeDefinition(description = "First reconnect delay in milliseconds (doubles up to reconnect.max.ms)")
    long reconnect_min_ms() default 500;

    @AttributeDefinition(description = "Longest reconnect delay in milliseconds")
    long reconnect_max_ms() default 30000;

    @AttributeDefinition(description = "Milliseconds a push waits for its answer before it counts as unanswered")
    long answer_timeout_ms() default 10000;

    @AttributeDefinition(description = "Pushes queued at most while the CLF is down or busy; more are counted as dropped")
    int queue_capacity() default 10000;

    @AttributeDefinition(description = "While the CLF is down: queue (replayed in order on reconnect) or drop (counted)")
    String outage() default "queue";

    @AttributeDefinition(description = "Pushes sent and not yet answered at most")
    int window() default 64;

    @AttributeDefinition(description = "Network type sent for CPEs no network.type.<rule> names")
    String network_type() default "dsl";

    @AttributeDefinition(description = "Address realm sent for the default address space")
    String realm_default() default "default";

    @AttributeDefinition(description = "Push an attach for every active lease at the first connection")
    boolean resync_on_start() default false;
}
