package org.leasehold.core.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.core.internal.expr.PacketView;
import org.leasehold.core.internal.value.Bytes;

/**
 * The parameters and options one scope (global, group, shared-network, subnet, pool, host, class)
 * states itself, in source order; later statements of the same name win. {@code conditionals} (its
 * {@code if} statements) and {@code computed} ({@code option NAME = EXPR}) and {@code computedParameters} ({@code NAME = EXPR}) depend on the packet and
 * apply only through {@link #resolve}. Immutable.
 */
public record Params(List<OptionSetting> options, Map<String, Parameter> parameters, List<Conditional> conditionals,
        List<ComputedOption> computed, List<ConfigStatement> statements, List<ComputedParameter> computedParameters,
        List<EventBlock> events) {

    public static final Params EMPTY = new Params(List.of(), Map.of());

    public Params {
        options = List.copyOf(options);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        conditionals = List.copyOf(conditionals);
        computed = List.copyOf(computed);
        statements = List.copyOf(statements);
        computedParameters = List.copyOf(computedParameters);
        events = List.copyOf(events);
    }

    public Params(List<OptionSetting> options, Map<String, Parameter> parameters, List<Conditional> conditionals,
            List<ComputedOption> computed, List<ConfigStatement> statements) {
        this(options, parameters, conditionals, computed, statements, List.of(), List.of());
    }

    public Params(List<OptionSetting> options, Map<String, Parameter> parameters) {
        this(options, parameters, List.of(), List.of(), List.of());
    }

    public Params(List<OptionSetting> options, Map<String, Parameter> parameters, List<Conditional> conditionals,
            List<ComputedOption> computed) {
        this(options, parameters, conditionals, computed, List.of());
    }

    /**
     * This scope's statements for one packet: the plain ones, then computed options, then the chosen
     * arm of each conditional
     * (recursively) overriding them. Leasehold applies conditionals after the scope's plain statements
     * whatever their order in the file; a conditional written first and then overridden is rare.
     */
    public Params resolve(PacketView packet) {
        if (!dependsOnPacket()) {
            return this;
        }
        Map<String, OptionSetting> opts = new LinkedHashMap<>();
        options.forEach(o -> opts.put(o.option().space() + "/" + o.option().code(), o));
        for (ComputedOption c : computed) {
            Bytes value = c.expression().eval(packet).dataOrNull();
            String key = c.option().space() + "/" + c.option().code();
            if (value == null) {
                opts.remove(key);
            } else {
                opts.put(key, new OptionSetting(c.option(), c.text(), value, c.pos()));
            }
        }
        Map<String, Parameter> params = new LinkedHashMap<>(parameters);
        for (ComputedParameter c : computedParameters) {
            String value = c.valueFor(packet);
            if (value == null) {
                params.remove(c.name());
            } else {
                params.put(c.name(), new Parameter(c.name(), value, c.pos()));
            }
        }
        List<ConfigStatement> stmts = new ArrayList<>(statements);
        List<EventBlock> handlers = new ArrayList<>(events);
        for (Conditional c : conditionals) {
            Params chosen = c.select(packet).resolve(packet);
            chosen.options().forEach(o -> opts.put(o.option().space() + "/" + o.option().code(), o));
            params.putAll(chosen.parameters());
            stmts.addAll(chosen.statements());
            handlers.addAll(chosen.events());
        }
        return new Params(new ArrayList<>(opts.values()), params, List.of(), List.of(), stmts, List.of(), handlers);
    }

    /** Whether {@link #resolve} can differ from this scope: it has {@code if} statements or computed values. */
    public boolean dependsOnPacket() {
        return !conditionals.isEmpty() || !computed.isEmpty() || !computedParameters.isEmpty();
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

    /**
     * Several scopes' statements run one after the other, as one body: ISC {@code switch} fall-through
     * from a {@code case} to the next {@code break}. Later parameters and options replace earlier ones.
     */
    static Params sequence(List<Params> parts) {
        List<OptionSetting> opts = new ArrayList<>();
        Map<String, Parameter> params = new LinkedHashMap<>();
        List<Conditional> conds = new ArrayList<>();
        List<ComputedOption> comp = new ArrayList<>();
        List<ConfigStatement> stmts = new ArrayList<>();
        List<ComputedParameter> compParams = new ArrayList<>();
        List<EventBlock> handlers = new ArrayList<>();
        for (Params p : parts) {
            compParams.addAll(p.computedParameters());
            opts.addAll(p.options());
            params.putAll(p.parameters());
            conds.addAll(p.conditionals());
            comp.addAll(p.computed());
            stmts.addAll(p.statements());
            handlers.addAll(p.events());
        }
        return new Params(opts, params, conds, comp, stmts, compParams, handlers);
    }

    public boolean isEmpty() {
        return options.isEmpty() && parameters.isEmpty() && conditionals.isEmpty() && computed.isEmpty()
                && statements.isEmpty() && computedParameters.isEmpty() && events.isEmpty();
    }
}
