/**
 * Address allocation: {@link org.leasehold.core.internal.alloc.Allocator#allocate} chooses a free
 * address for a client among the pools of its link (RFC 2131 §4.3.1 order, pool permits through
 * {@link org.leasehold.core.internal.alloc.PoolEligibility}, class lease limits, one bitmap per pool in
 * {@link org.leasehold.core.internal.alloc.PoolMap}), asking an
 * {@link org.leasehold.core.internal.alloc.AddressUsage} who holds an address. The engine (its
 * {@code LeaseUsage} over the lease store and the capabilities' allocation policy) is the one
 * AddressUsage, and feeds {@link org.leasehold.core.internal.alloc.Allocator#update} every lease change.
 * Which subnet a request belongs to and which parameters apply are the engine's
 * ({@code engine.SubnetSelector}, {@code engine.ConfigView}).
 */
package org.leasehold.core.internal.alloc;
