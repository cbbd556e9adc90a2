package org.leasehold.core.internal.config;

import java.util.List;
import java.util.Optional;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.OptionRef;

/**
 * Names, codes and value encodings of options, as the configuration needs them. Implementations are
 * immutable; {@link #define} returns a new resolver carrying a user definition.
 */
public interface OptionResolver {

    /** Resolves "routers", "agent.circuit-id" or the generic "option-224". */
    Optional<OptionRef> lookup(String name);

    /**
     * Encodes the value text exactly as written after the option name.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    Bytes encode(OptionRef option, String text);

    /**
     * Adds {@code option [space.]name code N = type}.
     *
     * @throws IllegalArgumentException when the type text is not understood
     */
    OptionResolver define(String space, String name, int code, String type);

    /** The layout of a declared option space (the standard ones included), if there is one by that name. */
    Optional<SpaceLayout> space(String name);

    /**
     * Adds {@code option space NAME ...}; a space declared again takes the new layout.
     */
    OptionResolver defineSpace(SpaceLayout layout);

    /** The space an {@code encapsulate SPACE} option carries, if the option is of that type. */
    Optional<String> encapsulated(OptionRef option);

    /** The options defined in a space, in code order. */
    List<OptionRef> definitions(String space);

    /** Whether the option's type is {@code zerolen} (written with no value: {@code option rapid-commit;}). */
    boolean isZeroLength(OptionRef option);

    /** Whether the option carries IPv4 addresses (so a host name there is a DNS name to resolve). */
    boolean carriesAddresses(OptionRef option);
}
