package org.leasehold.core.internal.alloc;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.leasehold.core.internal.alloc.AddressUsage.Holder;
import org.leasehold.core.internal.alloc.AddressUsage.Status;
import org.leasehold.core.internal.alloc.AllocationResult.Allocated;
import org.leasehold.core.internal.alloc.AllocationResult.Reason;
import org.leasehold.core.internal.alloc.AllocationResult.Refused;
import org.leasehold.core.internal.classify.ClassLimit;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.RangeDecl;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.value.Bytes;

/**
 * Chooses addresses in RFC 2131 §4.3.1 order: a host's fixed address; the client's existing (or
 * last) binding in an eligible address space; the requested address (option 50) if free and
 * permitted; a free address; lastly an abandoned one. Enforces class and subclass lease limits.
 * An allocated address is marked busy at once so concurrent requests never get it twice; whoever
 * drops an offer or ends a lease reports it through {@link #update}. Thread-safe: the only shared
 * mutable state is the per-pool bitmaps, each behind its own monitor. One instance per configuration.
 */
public final class Allocator implements PoolStatsProvider {

    private final DhcpConfig config;
    private final AddressUsage usage;
    private final List<PoolMap> pools = new ArrayList<>();
    /** Pools per link, keyed by every subnet id of the link, in configuration order. */
    private final Map<String, List<PoolMap>> poolsByLink = new HashMap<>();
    /** Per address space, ranges by first address; ranges in one space never overlap (validated). */
    private final Map<String, TreeMap<Long, Placed>> rangesBySpace = new HashMap<>();

    /** Hosts' fixed addresses: never handed out dynamically, even when a range covers them. */
    private final Set<Long> fixedAddresses = new HashSet<>();

    private record Placed(RangeDecl range, PoolMap map) {
    }

    public Allocator(DhcpConfig config, AddressUsage usage) {
        this.config = config;
        this.usage = usage;
        config.hosts().forEach(h -> fixedAddresses.addAll(h.fixedAddresses()));
        Map<String, PoolMap> byPool = new HashMap<>();
        for (SubnetDecl s : config.subnets()) {
            for (PoolDecl p : s.pools()) {
                PoolMap m = new PoolMap(s, p);
                pools.add(m);
                byPool.put(p.id(), m);
                for (RangeDecl r : p.ranges()) {
                    rangesBySpace.computeIfAbsent(p.space(), k -> new TreeMap<>()).put(r.first(), new Placed(r, m));
                }
            }
        }
        for (SubnetDecl s : config.subnets()) {
            List<PoolMap> link = new ArrayList<>();
            config.linkOf(s).forEach(l -> l.pools().forEach(p -> link.add(byPool.get(p.id()))));
            poolsByLink.put(s.id(), List.copyOf(link));
        }
    }

    /** Tells the bitmaps an address's new status (load every lease at start, then each change). */
    public void update(String space, Inet4Address address, Status status) {
        long a = Ipv4.toLong(address);
        poolOf(space, a).ifPresent(m -> m.mark(a, status));
    }

    /** Re-reads who holds an address (an offer dropped, a policy's answer changed) and marks it so. */
    public void recheck(String space, Inet4Address address) {
        long a = Ipv4.toLong(address);
        poolOf(space, a).ifPresent(m -> m.mark(a, usage.holder(space, address, m.pool.id()).status()));
    }

    /** The pool of the space whose range holds the address: a floor look-up, not a scan. */
    private Optional<PoolMap> poolOf(String space, long address) {
        TreeMap<Long, Placed> ranges = rangesBySpace.get(space);
        Map.Entry<Long, Placed> e = ranges == null ? null : ranges.floorEntry(address);
        return e != null && e.getValue().range().contains(address) ? Optional.of(e.getValue().map()) : Optional.empty();
    }

    public AllocationResult allocate(AllocationRequest req) {
        Optional<Allocated> fixed = fixedAddress(req);
        if (fixed.isPresent()) {
            return fixed.get();
        }
        List<PoolMap> eligible = poolsByLink.getOrDefault(req.subnet().id(), List.of()).stream()
                .filter(m -> PoolEligibility.permits(config, m.subnet, m.pool, req.classification(), req.bootp(), req.now()))
                .toList();
        if (eligible.isEmpty()) {
            return new Refused("no pool on link " + req.subnet().id() + " permits this client");
        }
        Optional<Allocated> existing = existing(req, eligible);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (ClassLimit limit : req.classification().limits()) {
            if (usage.activeMembers(limit.className()) >= limit.limit()) {
                return new Refused("lease limit " + limit.limit() + " of class \"" + limit.className() + "\" reached");
            }
        }
        return requested(req, eligible).map(AllocationResult.class::cast)
                .or(() -> free(req, eligible))
                .or(() -> abandoned(eligible))
                .orElseGet(() -> new Refused("no free address in the pools permitted on link " + req.subnet().id()));
    }

    private Optional<Allocated> fixedAddress(AllocationRequest req) {
        Optional<HostDecl> host = req.classification().host();
        if (host.isEmpty() || host.get().fixedAddresses().isEmpty()) {
            return Optional.empty();
        }
        List<SubnetDecl> link = config.linkOf(req.subnet());
        for (long a : host.get().fixedAddresses()) {
            for (SubnetDecl s : link) {
                if (s.contains(a)) {
                    return Optional.of(new Allocated("", Ipv4.of(a), s, null, Reason.FIXED));
                }
            }
        }
        return Optional.empty();
    }

    /** The address spaces of the eligible pools, in order (usually one). */
    private static Collection<String> spaces(List<PoolMap> eligible) {
        String first = eligible.get(0).pool.space();
        boolean one = true;
        for (int i = 1; i < eligible.size() && one; i++) {
            one = eligible.get(i).pool.space().equals(first);
        }
        if (one) {
            return List.of(first);
        }
        Set<String> spaces = new LinkedHashSet<>();
        eligible.forEach(m -> spaces.add(m.pool.space()));
        return spaces;
    }

    private Optional<Allocated> existing(AllocationRequest req, List<PoolMap> eligible) {
        for (String space : spaces(eligible)) {
            Optional<Inet4Address> bound = usage.addressOf(space, req.client());
            if (bound.isPresent()) {
                Optional<Allocated> a = claim(space, bound.get(), req.client(), eligible, Reason.EXISTING);
                if (a.isPresent()) {
                    return a;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Allocated> requested(AllocationRequest req, List<PoolMap> eligible) {
        if (req.requested().isEmpty()) {
            return Optional.empty();
        }
        for (String space : spaces(eligible)) {
            Optional<Allocated> a = claim(space, req.requested().get(), req.client(), eligible, Reason.REQUESTED);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    /** Takes a specific address if an eligible pool of the space holds it and nobody else does. */
    private Optional<Allocated> claim(String space, Inet4Address address, Bytes client, List<PoolMap> eligible,
            Reason reason) {
        long a = Ipv4.toLong(address);
        Optional<PoolMap> pool = poolOf(space, a).filter(eligible::contains);
        if (pool.isEmpty() || fixedAddresses.contains(a)) {
            return Optional.empty();
        }
        PoolMap m = pool.get();
        Holder h = usage.holder(space, address, m.pool.id());
        boolean mine = client.equals(h.client()) && h.status() != Status.ABANDONED;
        if ((h.status() == Status.FREE || mine) && m.take(a, mine)) {
            return Optional.of(new Allocated(space, address, m.subnet, m.pool, reason));
        }
        return Optional.empty();
    }

    private Optional<AllocationResult> free(AllocationRequest req, List<PoolMap> eligible) {
        for (PoolMap m : eligible) {
            String space = m.pool.space();
            String id = m.pool.id();
            OptionalLong a = m.takeFree(
                    x -> !fixedAddresses.contains(x) && usage.holder(space, Ipv4.of(x), id).status() == Status.FREE,
                    x -> fixedAddresses.contains(x) ? Status.BUSY : usage.holder(space, Ipv4.of(x), id).status());
            if (a.isPresent()) {
                return Optional.of(new Allocated(space, Ipv4.of(a.getAsLong()), m.subnet, m.pool, Reason.FREE));
            }
        }
        return Optional.empty();
    }

    private Optional<AllocationResult> abandoned(List<PoolMap> eligible) {
        for (PoolMap m : eligible) {
            String space = m.pool.space();
            String id = m.pool.id();
            OptionalLong a = m.takeAbandoned(x -> usage.holder(space, Ipv4.of(x), id).status() == Status.ABANDONED);
            if (a.isPresent()) {
                return Optional.of(new Allocated(space, Ipv4.of(a.getAsLong()), m.subnet, m.pool, Reason.ABANDONED));
            }
        }
        return Optional.empty();
    }

    /** The occupancy of one pool of this configuration ({@code adaptive-lease-time-threshold}). */
    public Optional<PoolStat> poolStat(PoolDecl pool) {
        for (PoolMap m : pools) {
            if (m.pool == pool) {
                return Optional.of(m.stat());
            }
        }
        return Optional.empty();
    }

    @Override
    public List<PoolStat> poolStats() {
        return pools.stream().map(PoolMap::stat).toList();
    }
}
