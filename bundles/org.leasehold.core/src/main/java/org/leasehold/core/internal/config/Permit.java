package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;

/**
 * One {@code allow}/{@code deny} entry of a pool's permit list; {@code after} (seconds since the
 * epoch, UTC) is set only for {@link Kind#AFTER}. Immutable.
 */
public record Permit(boolean allow, Kind kind, String className, long after, SourcePos pos) {

    public Permit(boolean allow, Kind kind, String className, SourcePos pos) {
        this(allow, kind, className, 0, pos);
    }

    /** The ISC permit kinds; {@code className} is set only for {@link #MEMBERS_OF}. */
    public enum Kind { MEMBERS_OF, KNOWN_CLIENTS, UNKNOWN_CLIENTS, DYNAMIC_BOOTP_CLIENTS, ALL_CLIENTS,
        AUTHENTICATED_CLIENTS, UNAUTHENTICATED_CLIENTS, AFTER }

    /** What a permit looks at: the client's classes, whether a host matches it, BOOTP, authentication. */
    public interface Subject {
        boolean memberOf(String className);

        boolean known();

        boolean bootp();

        boolean authenticated();

        /** The time the request is decided at, seconds since the epoch (for {@code after}). */
        long now();
    }

    /** Whether this entry names {@code client} (allow or deny alike); {@code after T} once T has passed (ISC). */
    public boolean matches(Subject client) {
        return switch (kind) {
            case MEMBERS_OF -> client.memberOf(className);
            case KNOWN_CLIENTS -> client.known();
            case UNKNOWN_CLIENTS -> !client.known();
            case DYNAMIC_BOOTP_CLIENTS -> client.bootp();
            case ALL_CLIENTS -> true;
            case AUTHENTICATED_CLIENTS -> client.authenticated();
            case UNAUTHENTICATED_CLIENTS -> !client.authenticated();
            case AFTER -> client.now() > after;
        };
    }

    /** ISC permit lists: no matching deny, and with any allow, at least one matching allow. */
    public static boolean admits(List<Permit> permits, Subject client) {
        boolean anyAllow = false;
        boolean allowed = false;
        for (Permit p : permits) {
            boolean m = p.matches(client);
            if (!p.allow() && m) {
                return false;
            }
            anyAllow |= p.allow();
            allowed |= p.allow() && m;
        }
        return !anyAllow || allowed;
    }

    /**
     * ISC's pool dates (confpars.c get_permit, dhcp.c ack_lease): {@code allow after T} makes the pool
     * valid from T, {@code deny after T} until T. Empty when the list has no such entry.
     */
    public static java.util.OptionalLong validFrom(List<Permit> permits) {
        return after(permits, true);
    }

    /** See {@link #validFrom}. */
    public static java.util.OptionalLong validUntil(List<Permit> permits) {
        return after(permits, false);
    }

    /** A loop, not a stream: it runs for every DISCOVER and REQUEST from a pool. */
    private static java.util.OptionalLong after(List<Permit> permits, boolean allow) {
        for (int i = 0; i < permits.size(); i++) {
            Permit p = permits.get(i);
            if (p.kind() == Kind.AFTER && p.allow() == allow) {
                return java.util.OptionalLong.of(p.after());
            }
        }
        return java.util.OptionalLong.empty();
    }
}
