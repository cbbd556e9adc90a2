package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import org.leasehold.api.lease.Lease;

/**
 * Leases as JSON, for {@code dhcp:lease-list --json} and exports. One object per lease with the keys
 * {@code address, space, state, clientId, hardware, htype, starts, ends, startEpochSecond,
 * endEpochSecond, hostname, subnet, pool, relayAgentInfo, classes, bootp, variables (only when the lease has
 * some)}; absent values are
 * {@code null}, an infinite lease has {@code ends} and {@code endEpochSecond} null. Stateless.
 */
public final class LeaseJson {

    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    private LeaseJson() {
    }

    /** One lease as a JSON object. */
    public static String toJson(Lease lease) {
        StringBuilder sb = new StringBuilder(320);
        append(lease, sb);
        return sb.toString();
    }

    /** The leases as a JSON array, one object per line, in the collection's order. */
    public static void writeArray(Collection<Lease> leases, Appendable out) {
        try {
            out.append('[');
            Iterator<Lease> it = leases.iterator();
            StringBuilder sb = new StringBuilder(320);
            while (it.hasNext()) {
                sb.setLength(0);
                sb.append('\n');
                append(it.next(), sb);
                if (it.hasNext()) {
                    sb.append(',');
                }
                out.append(sb);
            }
            out.append(leases.isEmpty() ? "]\n" : "\n]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Lease l, StringBuilder sb) {
        boolean never = l.endEpochSecond() == Lease.NEVER;
        sb.append('{');
        field(sb, "address", l.key().address().getHostAddress()).append(',');
        field(sb, "space", l.key().space()).append(',');
        field(sb, "state", l.state().iscName()).append(',');
        field(sb, "clientId", l.client() == null ? null : l.client().toString()).append(',');
        field(sb, "hardware", l.hardware() == null ? null : l.hardware().toString()).append(',');
        sb.append("\"htype\":").append(l.hardware() == null ? "null" : Integer.toString(l.hardware().htype()))
                .append(',');
        field(sb, "starts", Instant.ofEpochSecond(l.startEpochSecond()).toString()).append(',');
        field(sb, "ends", never ? null : Instant.ofEpochSecond(l.endEpochSecond()).toString()).append(',');
        sb.append("\"startEpochSecond\":").append(l.startEpochSecond()).append(',');
        sb.append("\"endEpochSecond\":").append(never ? "null" : Long.toString(l.endEpochSecond())).append(',');
        field(sb, "hostname", l.hostname()).append(',');
        field(sb, "subnet", l.subnet()).append(',');
        field(sb, "pool", l.pool()).append(',');
        field(sb, "relayAgentInfo", l.relayAgentInfoLength() == 0 ? null : HEX.formatHex(l.relayAgentInfo()))
                .append(',');
        sb.append("\"classes\":[");
        boolean first = true;
        for (String c : l.classes()) {
            if (!first) {
                sb.append(',');
            }
            string(sb, c);
            first = false;
        }
        sb.append("],\"bootp\":").append(l.bootp());
        if (!l.variables().isEmpty()) {
            sb.append(",\"variables\":{");
            boolean firstVariable = true;
            for (var v : l.variables().entrySet()) {
                if (!firstVariable) {
                    sb.append(',');
                }
                field(sb, v.getKey(), v.getValue());
                firstVariable = false;
            }
            sb.append('}');
        }
        sb.append('}');
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":");
        if (value == null) {
            return sb.append("null");
        }
        return string(sb, value);
    }

    /** Appends {@code s} as a JSON string literal. */
    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
