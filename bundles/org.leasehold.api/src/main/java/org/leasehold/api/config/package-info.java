/**
 * The server's configuration as capabilities see it: the dhcpd.conf statements a capability owns
 * (failover peers, DNS keys and zones, {@code ddns-*} parameters, ...), kept by the core as generic
 * statement trees with their source positions, and the SPI through which a capability validates and
 * applies them.
 *
 * <p>The core reads dhcpd.conf; it knows the keywords of the ISC dialect (and a few of Leasehold's own,
 * listed in docs/architecture.md) but not what the capability statements mean. A capability registers a
 * {@link org.leasehold.api.config.ConfigParticipant}: at every load and reload the core asks each bound
 * participant to validate the new configuration, rejects the whole file (the running configuration
 * keeps serving) when any participant reports a {@link org.leasehold.api.config.ConfigProblem}, and
 * otherwise hands each participant the accepted {@link org.leasehold.api.config.DhcpdConf}. Statements
 * that no bound participant claims are reported by name as ignored. Everything here is immutable.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.leasehold.api.config;
