package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;

/** One {@code allow}/{@code deny} entry of a pool's permit list. Immutable. */
public record Permit(boolean allow, Kind kind, String className, SourcePos pos) {

    /** The ISC permit kinds; {@code className} is set only for {@link #MEMBERS_OF}. */
    public enum Kind { MEMBERS_OF, KNOWN_CLIENTS, UNKNOWN_CLIENTS, DYNAMIC_BOOTP_CLIENTS, ALL_CLIENTS,
        AUTHENTICATED_CLIENTS, UNAUTHENTICATED_CLIENTS, AFTER }

    /** What a permit looks at: the client's classes, whether a host matches it, BOOTP, authentication. */
    public interface Subject {
        boolean memberOf(String className);

        boolean known();

        boolean bootp();

        boolean authenticated();
    }

    /** Whether this entry names {@code client} (allow or deny alike). Time-based permits never match. */
    public boolean matches(Subject client) {
        return switch (kind) {
            case MEMBERS_OF -> client.memberOf(className);
            case KNOWN_CLIENTS -> client.known();
            case UNKNOWN_CLIENTS -> !client.known();
            case DYNAMIC_BOOTP_CLIENTS -> client.bootp();
            case ALL_CLIENTS -> true;
            case AUTHENTICATED_CLIENTS -> client.authenticated();
            case UNAUTHENTICATED_CLIENTS -> !client.authenticated();
            // reported unimplemented at load
            case AFTER -> false;
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
}
