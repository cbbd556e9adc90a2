/**
 * Small immutable values used along the packet's path by the configuration, expressions,
 * classification, allocation and the engine alike: {@link org.leasehold.core.internal.value.Bytes}
 * (dhcp-eval data values) and {@link org.leasehold.core.internal.value.Ipv4} (addresses as ints).
 * Depends on nothing else of the core.
 */
package org.leasehold.core.internal.value;
