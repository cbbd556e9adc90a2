package org.leasehold.api.option;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Option definitions by name and by (space, code). {@link #standard()} holds every option of
 * RFC 2132 and the later option RFCs under their ISC dhcpd names, plus the agent (82), fqdn (81)
 * and nwip (63) sub-option spaces. Immutable and thread-safe; {@link #with} returns a new catalog.
 */
public final class OptionCatalog {
    private static final OptionCatalog STANDARD = new OptionCatalog(StandardOptions.definitions());

    private final List<OptionDefinition> definitions;
    private final Map<String, OptionDefinition> byName;
    private final Map<String, OptionDefinition> byCode;

    private OptionCatalog(List<OptionDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
        Map<String, OptionDefinition> names = new HashMap<>();
        Map<String, OptionDefinition> codes = new HashMap<>();
        for (OptionDefinition d : this.definitions) {
            names.put(d.qualifiedName(), d);
            codes.put(key(d.space(), d.code()), d);
        }
        this.byName = Map.copyOf(names);
        this.byCode = Map.copyOf(codes);
    }

    public static OptionCatalog standard() {
        return STANDARD;
    }

    /**
     * Looks up {@code routers}, {@code dhcp.routers}, {@code agent.circuit-id}; {@code option-NNN}
     * names an undefined dhcp option as a {@code string}.
     */
    public Optional<OptionDefinition> byName(String name) {
        OptionDefinition d = byName.get(name);
        if (d == null && name.startsWith(OptionDefinition.DHCP + ".")) {
            d = byName.get(name.substring(5));
        }
        if (d == null && name.startsWith("option-")) {
            try {
                int code = Integer.parseInt(name.substring(7));
                if (code > 0 && code < 255) {
                    return Optional.of(byCode(OptionDefinition.DHCP, code).orElse(
                        new OptionDefinition(OptionDefinition.DHCP, code, name, OptionType.parse("string"))));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(d);
    }

    public Optional<OptionDefinition> byCode(String space, int code) {
        return Optional.ofNullable(byCode.get(key(space, code)));
    }

    /** Definitions of a space in code order. */
    public List<OptionDefinition> space(String space) {
        List<OptionDefinition> out = new ArrayList<>();
        for (OptionDefinition d : definitions) {
            if (d.space().equals(space)) {
                out.add(d);
            }
        }
        out.sort((a, b) -> Integer.compare(a.code(), b.code()));
        return out;
    }

    public Collection<OptionDefinition> all() {
        return definitions;
    }

    /** A catalog with {@code def} added, replacing any definition with the same space and code or name. */
    public OptionCatalog with(OptionDefinition def) {
        List<OptionDefinition> out = new ArrayList<>(definitions.size() + 1);
        for (OptionDefinition d : definitions) {
            boolean sameCode = d.space().equals(def.space()) && d.code() == def.code();
            if (!sameCode && !d.qualifiedName().equals(def.qualifiedName())) {
                out.add(d);
            }
        }
        out.add(def);
        return new OptionCatalog(out);
    }

    private static String key(String space, int code) {
        return space + "/" + code;
    }
}
