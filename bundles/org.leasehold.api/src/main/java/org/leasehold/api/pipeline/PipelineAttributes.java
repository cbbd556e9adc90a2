package org.leasehold.api.pipeline;

import org.leasehold.api.lease.Lease;

/**
 * The attributes the engine itself puts in every packet's context, for handlers of any bundle.
 * Capabilities declare their own keys in their own API (e.g. the Option 82 identity).
 */
public final class PipelineAttributes {

    /** The selected subnet in CIDR form ("198.18.0.0/16"): set before SUBNET_SELECT, read back after it. */
    public static final AttributeKey<String> SUBNET = AttributeKey.of("engine.subnet", String.class);

    /** The lease the engine intends to offer or commit: set before LEASE_SELECT and LEASE_COMMIT, and
     * at LEASE_EXPIRE / LEASE_RELEASE the lease concerned. */
    public static final AttributeKey<Lease> LEASE = AttributeKey.of("engine.lease", Lease.class);

    /** The client classes matched after CLASSIFY, joined with ','. */
    public static final AttributeKey<String> CLASSES = AttributeKey.of("engine.classes", String.class);

    private PipelineAttributes() {
    }
}
