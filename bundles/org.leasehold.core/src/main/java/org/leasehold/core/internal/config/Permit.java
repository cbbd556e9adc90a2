package org.leasehold.core.internal.config;

import org.leasehold.core.internal.syntax.SourcePos;

/** One {@code allow}/{@code deny} entry of a pool's permit list. Immutable. */
public record Permit(boolean allow, Kind kind, String className, SourcePos pos) {

    /** The ISC permit kinds; {@code className} is set only for {@link #MEMBERS_OF}. */
    public enum Kind { MEMBERS_OF, KNOWN_CLIENTS, UNKNOWN_CLIENTS, DYNAMIC_BOOTP_CLIENTS, ALL_CLIENTS,
        AUTHENTICATED_CLIENTS, UNAUTHENTICATED_CLIENTS, AFTER }
}
