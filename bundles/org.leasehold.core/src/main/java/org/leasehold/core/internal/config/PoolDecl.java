package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;

/**
 * A pool: its ranges, permit list and own parameters. {@code space} is its address space: the names
 * of the classes its {@code allow members of} entries admit, sorted and joined with "+", or "" for
 * every other pool. {@code id} is "SUBNET/PREFIX#n", stable for a given file. Immutable.
 */
public record PoolDecl(String id, List<RangeDecl> ranges, List<Permit> permits, Params params, String space,
        SourcePos pos) {

    public PoolDecl {
        ranges = List.copyOf(ranges);
        permits = List.copyOf(permits);
    }

    public long size() {
        return ranges.stream().mapToLong(RangeDecl::size).sum();
    }

    public boolean contains(long address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** The address space a permit list defines (see the type's description). */
    public static String spaceOf(List<Permit> permits) {
        return String.join("+", permits.stream()
                .filter(p -> p.allow() && p.kind() == Permit.Kind.MEMBERS_OF)
                .map(Permit::className).distinct().sorted().toList());
    }
}
