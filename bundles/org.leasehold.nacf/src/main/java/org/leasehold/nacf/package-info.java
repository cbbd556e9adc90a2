/**
 * The TISPAN NASS a2 reference point between this server (the NACF) and a CLF, as a replaceable codec.
 *
 * <p>The NACF capability speaks to the CLF in {@link org.leasehold.nacf.A2Message}s, a wire-neutral
 * model of the a2 primitives (attach, detach, pull, heartbeat, error). An
 * {@link org.leasehold.nacf.A2Codec} service turns them into bytes and back. Leasehold ships one,
 * {@code leasehold} (RADIUS-like framing, documented in {@code docs/a2-protocol.md}); a bundle that
 * registers another codec under another name replaces it (configuration key {@code codec}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.leasehold.nacf;
