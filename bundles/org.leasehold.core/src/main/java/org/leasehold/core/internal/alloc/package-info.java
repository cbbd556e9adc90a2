/**
 * Address allocation and the pure functions around it. Per request, in order:
 * {@link org.leasehold.core.internal.alloc.SubnetSelector#linkAddress} and
 * {@link org.leasehold.core.internal.alloc.SubnetSelector#select} find the link;
 * {@link org.leasehold.core.internal.alloc.Allocator#allocate} chooses the address (RFC 2131 §4.3.1
 * order, permits, lease limits, per-pool bitmaps);
 * {@link org.leasehold.core.internal.alloc.ParameterMerger#merge} gives the options and lease times.
 * {@link org.leasehold.core.internal.alloc.LeaseStoreAddressUsage} connects the allocator to the api
 * lease store; feed it and {@link org.leasehold.core.internal.alloc.Allocator#update} every lease change.
 */
package org.leasehold.core.internal.alloc;
