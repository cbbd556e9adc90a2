package org.leasehold.core.internal.config;

import java.util.List;
import java.util.Set;
import org.leasehold.core.internal.syntax.SourcePos;

/**
 * An ISC {@code on commit | release | expiry [or ...] { statements }} block of a scope. As in ISC
 * (common/execute.c, {@code on_statement}), a lease keeps one handler per event: of the blocks of the
 * lease's scopes, run outermost first, the last one naming the event replaces the others. A block of
 * no event holds a {@code set}/{@code unset}/{@code log}/{@code execute} written directly in the scope,
 * which ISC runs, in every scope, outermost first, for each OFFER and ACK. Immutable.
 */
public record EventBlock(Set<Event> events, List<EventStatement> statements, SourcePos pos) {

    /** The lease events ISC dhcpd runs statements on. */
    public enum Event { COMMIT, RELEASE, EXPIRY }

    public EventBlock {
        events = Set.copyOf(events);
        statements = List.copyOf(statements);
    }

    /** Whether this is a scope's own statement (no event), run on every OFFER and ACK. */
    public boolean scopeStatement() {
        return events.isEmpty();
    }
}
