/**
 * Leases: the binding of an address (in an address space) to a client, and the store that keeps them
 * durable. Values here are immutable and safe to share between threads; {@link
 * org.leasehold.api.lease.LeaseStore} is the SPI the core engine commits leases through.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.5.0")
package org.leasehold.api.lease;
