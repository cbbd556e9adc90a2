package org.leasehold.manager.internal;

import java.util.Locale;
import org.leasehold.api.lease.Lease;

/**
 * One lease as one line of {@code name=value} fields (docs/manager-protocol.md, "Lease lines"). Stateless.
 */
final class LeaseLines {

    private LeaseLines() {
    }

    static StringBuilder append(Lease l, StringBuilder b) {
        b.append("ip=").append(l.key().address().getHostAddress());
        if (!l.key().space().isEmpty()) {
            field(b, "space", l.key().space());
        }
        b.append(" state=").append(l.state().iscName());
        if (l.hardware() != null) {
            b.append(" mac=").append(l.hardware().toString().toLowerCase(Locale.ROOT));
        }
        if (l.client() != null) {
            b.append(" client-id=").append(l.client());
        }
        b.append(" start=").append(l.startEpochSecond());
        b.append(" end=").append(l.endEpochSecond() == Lease.NEVER ? "never" : Long.toString(l.endEpochSecond()));
        if (!l.hostname().isEmpty()) {
            field(b, "hostname", l.hostname());
        }
        if (!l.subnet().isEmpty()) {
            field(b, "subnet", l.subnet());
        }
        if (!l.pool().isEmpty()) {
            field(b, "pool", l.pool());
        }
        if (l.bootp()) {
            b.append(" bootp=yes");
        }
        if (!l.classes().isEmpty()) {
            field(b, "classes", String.join(",", l.classes()));
        }
        l.variables().forEach((k, v) -> field(b, "var." + k, v));
        return b.append('\n');
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(' ').append(Text.encode(name)).append('=').append(Text.encode(value));
    }
}
