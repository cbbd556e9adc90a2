package org.leasehold.api.pipeline;

import org.leasehold.api.config.ConfigParameters;
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

    /**
     * The dhcpd.conf parameters in force for this client: set with the subnet before SUBNET_SELECT
     * (host, classes, subnet and outer scopes), and again with the pool of the lease before
     * LEASE_SELECT and LEASE_COMMIT. Handlers read capability parameters here ({@code ddns-domainname}).
     */
    public static final AttributeKey<ConfigParameters> PARAMETERS =
            AttributeKey.of("engine.parameters", ConfigParameters.class);

    /**
     * Whether the request passed an authentication check (RFC 3118): put at RECEIVE by the capability
     * that checks it, read by the engine for the pool permits {@code allow|deny authenticated clients}
     * and {@code unauthenticated clients}. Absent means unauthenticated.
     */
    public static final AttributeKey<Boolean> AUTHENTICATED = AttributeKey.of("engine.authenticated", Boolean.class);

    private PipelineAttributes() {
    }
}
