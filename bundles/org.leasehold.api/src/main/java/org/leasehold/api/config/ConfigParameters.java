package org.leasehold.api.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parameters in force for one client, resolved through its scopes the way ISC dhcpd resolves
 * them: host, then classes, then pool, subnet, shared-network, enclosing groups and the global
 * scope; within a scope the last statement wins, and {@code if} statements that match the client's
 * packet count. Immutable; reads never block.
 */
public interface ConfigParameters {

    /** Nothing configured. */
    ConfigParameters NONE = new ConfigParameters() {
        @Override
        public Optional<String> get(String name) {
            return Optional.empty();
        }

        @Override
        public List<ConfigStatement> statements(String keyword) {
            return List.of();
        }
    };

    /**
     * The value text of the innermost parameter statement {@code name} ({@code ddns-domainname
     * "example.net";} gives {@code example.net}, quotes removed; {@code allow client-updates;} is
     * parameter {@code client-updates} with value {@code allow}).
     */
    Optional<String> get(String name);

    /** The statements with this keyword, innermost scope first (for statements that are not single values). */
    List<ConfigStatement> statements(String keyword);

    /** {@link #get} read as an ISC boolean: true/on/yes/1 or false/off/no/0; empty when absent or neither. */
    default Optional<Boolean> flag(String name) {
        return get(name).map(v -> v.trim().toLowerCase(Locale.ROOT)).flatMap(v -> switch (v) {
            case "true", "on", "yes", "1", "allow" -> Optional.of(Boolean.TRUE);
            case "false", "off", "no", "0", "deny", "ignore" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        });
    }
}
