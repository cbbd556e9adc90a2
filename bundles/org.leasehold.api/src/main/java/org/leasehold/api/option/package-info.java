/**
 * The option catalog and the dhcpd.conf option type language, plus typed views of the awkward options
 * (RFC 3397, 3442, 4702, 3925, 3004, 3361, 3118). Immutable and thread-safe.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.leasehold.api.option;
