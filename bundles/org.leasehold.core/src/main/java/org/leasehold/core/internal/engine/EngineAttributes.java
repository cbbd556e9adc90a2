package org.leasehold.core.internal.engine;

import org.leasehold.api.lease.Lease;
import org.leasehold.api.pipeline.AttributeKey;

/**
 * The attributes the engine itself puts in a packet's context. Until the pipeline API exports
 * standard keys these are the engine's own; handlers in the core bundle can use them.
 */
public final class EngineAttributes {

    /** The selected subnet, CIDR form ("198.18.0.0/16"); set before SUBNET_SELECT, read back after it. */
    public static final AttributeKey<String> SUBNET = AttributeKey.of("engine.subnet", String.class);

    /** The lease the engine intends to offer or commit; set before LEASE_SELECT and LEASE_COMMIT. */
    public static final AttributeKey<Lease> LEASE = AttributeKey.of("engine.lease", Lease.class);

    /** The client classes matched, joined with ','. */
    public static final AttributeKey<String> CLASSES = AttributeKey.of("engine.classes", String.class);

    private EngineAttributes() {
    }
}
