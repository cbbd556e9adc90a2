/**
 * Wire encoding and decoding of DHCPv4/BOOTP messages (RFC 951, 2131, 2132, 3396).
 * Stateless and thread-safe; decoding throws only {@link org.leasehold.api.codec.DecodeException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.leasehold.api.codec;
