package org.leasehold.core.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters and options one scope (global, group, shared-network, subnet, pool, host, class)
 * states itself, in source order; later statements of the same name win. Immutable.
 */
public record Params(List<OptionSetting> options, Map<String, Parameter> parameters) {

    public static final Params EMPTY = new Params(List.of(), Map.of());

    public Params {
        options = List.copyOf(options);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Optional<Parameter> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** A numeric parameter such as {@code default-lease-time}; empty when absent or not a number. */
    public Optional<Long> number(String name) {
        return parameter(name).flatMap(p -> {
            try {
                return Optional.of(Long.parseLong(p.value()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public boolean isEmpty() {
        return options.isEmpty() && parameters.isEmpty();
    }
}
