/**
 * The packet pipeline: how capability bundles plug into DHCP processing.
 *
 * <p>A capability registers {@link org.leasehold.api.pipeline.PacketHandler} services at
 * {@link org.leasehold.api.pipeline.HookPoint}s. For each packet the engine creates a
 * {@link org.leasehold.api.pipeline.PacketContext} and, at each point, runs that point's handlers
 * in order until one returns a {@link org.leasehold.api.pipeline.Verdict} other than CONTINUE.
 * Handlers pass facts to each other as typed attributes ({@link org.leasehold.api.pipeline.AttributeKey}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.leasehold.api.pipeline;
