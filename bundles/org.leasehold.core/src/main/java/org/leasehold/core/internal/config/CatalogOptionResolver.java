package org.leasehold.core.internal.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.option.OptionCatalog;
import org.leasehold.api.option.OptionDefinition;
import org.leasehold.api.option.OptionType;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.OptionRef;

/**
 * Option names, codes and value encodings from the api's {@link OptionCatalog}, plus the
 * definitions a file adds with {@code option NAME code N = TYPE}. Immutable; {@link #define} copies.
 */
final class CatalogOptionResolver implements OptionResolver {

    /** Older names seen in ISC documentation examples, mapped to the catalog's names. */
    private static final Map<String, String> ALIASES = Map.of("dhcp-vendor-identifier", "vendor-class-identifier");

    /** ISC's predefined spaces: vendor (option 125) and vendor-class (124) carry 32-bit enterprise numbers. */
    private static final Map<String, SpaceLayout> STANDARD_SPACES = Map.of(
            "dhcp", SpaceLayout.standard("dhcp"), "agent", SpaceLayout.standard("agent"),
            "fqdn", SpaceLayout.standard("fqdn"), "nwip", SpaceLayout.standard("nwip"),
            "vendor", new SpaceLayout("vendor", 4, 1, 1), "vendor-class", new SpaceLayout("vendor-class", 4, 1, 1));

    private final OptionCatalog catalog;
    private final Map<String, SpaceLayout> spaces;

    CatalogOptionResolver(OptionCatalog catalog) {
        this(catalog, STANDARD_SPACES);
    }

    private CatalogOptionResolver(OptionCatalog catalog, Map<String, SpaceLayout> spaces) {
        this.catalog = catalog;
        this.spaces = Map.copyOf(spaces);
    }

    @Override
    public Optional<SpaceLayout> space(String name) {
        return Optional.ofNullable(spaces.get(name));
    }

    @Override
    public OptionResolver defineSpace(SpaceLayout layout) {
        Map<String, SpaceLayout> m = new HashMap<>(spaces);
        m.put(layout.name(), layout);
        return new CatalogOptionResolver(catalog, m);
    }

    @Override
    public Optional<String> encapsulated(OptionRef option) {
        String t = type(option).name();
        return t.startsWith("encapsulate ")
                ? Optional.of(t.substring("encapsulate ".length()).trim().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    @Override
    public List<OptionRef> definitions(String space) {
        return catalog.space(space).stream().map(d -> new OptionRef(d.space(), d.code(), d.qualifiedName())).toList();
    }

    @Override
    public Optional<OptionRef> lookup(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return definition(ALIASES.getOrDefault(n, n))
                .map(d -> new OptionRef(d.space(), d.code(), d.qualifiedName()));
    }

    private Optional<OptionDefinition> definition(String name) {
        Optional<OptionDefinition> d = catalog.byName(name);
        return d.isPresent() ? d : catalog.all().stream()
                .filter(x -> x.qualifiedName().equalsIgnoreCase(name)).findFirst();
    }

    private OptionType type(OptionRef ref) {
        return catalog.byCode(ref.space(), ref.code()).map(OptionDefinition::type)
                .orElseGet(() -> OptionType.parse("string"));
    }

    @Override
    public Bytes encode(OptionRef option, String text) {
        return Bytes.of(type(option).parseValue(text));
    }

    @Override
    public boolean isZeroLength(OptionRef option) {
        return type(option).name().equals("zerolen");
    }

    @Override
    public boolean carriesAddresses(OptionRef option) {
        return type(option).name().contains("ip-address");
    }

    @Override
    public OptionResolver define(String space, String name, int code, String type) {
        return new CatalogOptionResolver(catalog.with(new OptionDefinition(space, code, name, OptionType.parse(type))),
                spaces);
    }
}
