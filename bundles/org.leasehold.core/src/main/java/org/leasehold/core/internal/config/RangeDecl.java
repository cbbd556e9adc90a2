package org.leasehold.core.internal.config;

import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.value.Ipv4;

/** {@code range [dynamic-bootp] FIRST [LAST];} with addresses as unsigned 32-bit values. Immutable. */
public record RangeDecl(long first, long last, boolean dynamicBootp, SourcePos pos) {

    public long size() {
        return last - first + 1;
    }

    public boolean contains(long address) {
        return address >= first && address <= last;
    }

    public boolean overlaps(RangeDecl o) {
        return first <= o.last && o.first <= last;
    }

    @Override
    public String toString() {
        return Ipv4.format(first) + "-" + Ipv4.format(last);
    }
}
