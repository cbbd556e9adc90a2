/**
 * The DHCPv4/BOOTP message model: header, options in wire order, open value types for protocol codes.
 * Every type here is immutable and safe to share between threads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.leasehold.api.message;
