package org.leasehold.core.internal.config;

/** Where the configuration gets its option definitions from. Stateless. */
public final class OptionResolvers {

    private OptionResolvers() {
    }

    public static OptionResolver standard() {
        return BasicOptionResolver.standard();
    }
}
