package org.leasehold.core.internal.config;

import org.leasehold.api.option.OptionCatalog;

/** Where the configuration gets its option definitions from. Stateless. */
public final class OptionResolvers {

    private OptionResolvers() {
    }

    /** The standard catalog (RFC 2132 and later options under ISC names, agent sub-options). */
    public static OptionResolver standard() {
        return new CatalogOptionResolver(OptionCatalog.standard());
    }
}
