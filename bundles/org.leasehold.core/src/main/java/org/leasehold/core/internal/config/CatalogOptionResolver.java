package org.leasehold.core.internal.config;

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

    private final OptionCatalog catalog;

    CatalogOptionResolver(OptionCatalog catalog) {
        this.catalog = catalog;
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
    public boolean carriesAddresses(OptionRef option) {
        return type(option).name().contains("ip-address");
    }

    @Override
    public OptionResolver define(String space, String name, int code, String type) {
        return new CatalogOptionResolver(catalog.with(new OptionDefinition(space, code, name, OptionType.parse(type))));
    }
}
