package org.leasehold.api.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The declaration a statement is written in. Immutable.
 *
 * @param kind the declaration's kind
 * @param id   what names it: "" for the global scope and groups; the subnet id ("198.18.0.0/16"), the
 *             pool id ("198.18.0.0/16#1": the subnet its ranges lie in and its place, from 1, among that
 *             subnet's pools; ranges written directly in a subnet form its first pool), the
 *             shared-network, host, class name, or "CLASS:VALUE" for a subclass
 */
public record ConfigScope(Kind kind, String id) {

    /** Declaration kinds, outermost first. */
    public enum Kind { GLOBAL, GROUP, SHARED_NETWORK, SUBNET, POOL, HOST, CLASS, SUBCLASS }

    /** The global scope. */
    public static final ConfigScope GLOBAL = new ConfigScope(Kind.GLOBAL, "");

    public ConfigScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return id.isEmpty() ? kind.name().toLowerCase(Locale.ROOT)
                : kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + id;
    }
}
