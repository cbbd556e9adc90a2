package org.leasehold.core.internal.config;

import java.util.Set;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.expr.PacketView;
import org.leasehold.core.internal.expr.Value;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.value.Bytes;

/**
 * {@code PARAMETER = EXPRESSION;} (dhcpd.conf(5) "Setting parameter values using expressions"): a
 * parameter computed from each client's packet when its scope is resolved ({@link Params#resolve}).
 * ISC evaluates the expression as option data of the parameter's type (server/stables.c): a lease
 * time or other number is the data read big-endian ({@code encode-int (1200, 32)}), an address four
 * bytes, a flag one byte, text the bytes themselves. A null result leaves the parameter unset in that
 * scope, as ISC does. Immutable.
 */
public record ComputedParameter(String name, Expr expression, SourcePos pos) {

    /** ISC server parameters of a numeric type (T, L, S, B) that Leasehold acts on. */
    private static final Set<String> NUMERIC = Set.of("default-lease-time", "max-lease-time", "min-lease-time",
            "dynamic-bootp-lease-length", "min-secs", "ping-timeout", "ping-timeout-ms", "ping-cltt-secs",
            "abandon-lease-time", "adaptive-lease-time-threshold", "dhcp-cache-threshold");
    /** Flags (f). */
    private static final Set<String> FLAGS = Set.of("authoritative", "ping-check", "ignore-client-uids",
            "always-broadcast", "echo-client-id", "boot-unknown-clients", "one-lease-per-client",
            "use-lease-addr-for-default-route", "use-host-decl-names", "server-id-check", "always-reply-rfc1048",
            "get-lease-hostnames", "stash-agent-options", "infinite-is-reserved");
    /** Addresses (I). */
    private static final Set<String> ADDRESSES = Set.of("next-server", "server-identifier");

    /** The value as the parameter's text for {@code packet}, or null when the expression gives nothing usable. */
    public String valueFor(PacketView packet) {
        return text(name, expression.eval(packet));
    }

    /** {@code value} as the text a written {@code name VALUE;} would have stored; null when it does not fit. */
    static String text(String name, Value value) {
        if (value instanceof Value.Null) {
            return null;
        }
        if (NUMERIC.contains(name)) {
            Long n = value instanceof Value.Data d && d.bytes().length() > 4 ? null : value.numOrNull();
            return n == null ? null : Long.toString(n);
        }
        if (FLAGS.contains(name)) {
            if (value instanceof Value.Bool b) {
                return b.value() ? "true" : "false";
            }
            Bytes d = value.dataOrNull();
            return d == null || d.length() == 0 ? null : d.get(0) != 0 ? "true" : "false";
        }
        Bytes d = value.dataOrNull();
        if (d == null) {
            return null;
        }
        if (ADDRESSES.contains(name)) {
            return d.length() != 4 ? null : d.get(0) + "." + d.get(1) + "." + d.get(2) + "." + d.get(3);
        }
        return d.ascii();
    }
}
