package org.leasehold.core.internal.alloc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.core.internal.config.OptionSetting;
import org.leasehold.core.internal.config.Parameter;

/**
 * The options and parameters that apply to one client after scope precedence, with the lease-time
 * rules. Options are ordered by (space, code). Immutable.
 */
public record EffectiveParameters(List<OptionSetting> options, Map<String, Parameter> parameters) {

    /** ISC dhcpd's defaults when the configuration states none. */
    public static final long DEFAULT_LEASE_TIME = 43_200;
    public static final long DEFAULT_MAX_LEASE_TIME = 86_400;

    public EffectiveParameters {
        options = List.copyOf(options);
        parameters = Map.copyOf(parameters);
    }

    public Optional<OptionSetting> option(String space, int code) {
        return options.stream().filter(o -> o.option().space().equals(space) && o.option().code() == code).findFirst();
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).map(Parameter::value);
    }

    public long defaultLeaseTime() {
        return number("default-lease-time").orElse(DEFAULT_LEASE_TIME);
    }

    public long maxLeaseTime() {
        return number("max-lease-time").orElse(Math.max(DEFAULT_MAX_LEASE_TIME, defaultLeaseTime()));
    }

    public long minLeaseTime() {
        return number("min-lease-time").orElse(0L);
    }

    /** The lease time to grant: the client's request (option 51) or the default, within [min, max]. */
    public long leaseTime(Optional<Long> requested) {
        long t = requested.orElse(defaultLeaseTime());
        return Math.max(minLeaseTime(), Math.min(maxLeaseTime(), t));
    }

    private Optional<Long> number(String name) {
        return parameter(name).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
