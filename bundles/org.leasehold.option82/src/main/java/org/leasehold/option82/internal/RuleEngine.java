package org.leasehold.option82.internal;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.leasehold.option82.Option82Identity;
import org.leasehold.option82.Option82Parser;

/**
 * Applies the configured rules to one option 82: the first rule that is for the relay and whose
 * input formats all parse gives the identity. A rule naming a plugin that is not installed steps
 * aside for the next rule. Immutable and thread-safe.
 */
final class RuleEngine {

    private static final Set<String> SUB_OPTION_FIELDS = Set.of("circuit-id", "circuit-id.hex", "remote-id",
            "remote-id.hex", "subscriber-id", "subscriber-id.hex");

    private final List<Rule> rules;

    RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    List<Rule> rules() {
        return rules;
    }

    /**
     * @param plugins format name to installed parser, or {@code null}
     */
    Resolution resolve(Inet4Address giaddr, byte[] option82, Function<String, Option82Parser> plugins) {
        AgentSubOptions subs;
        try {
            subs = AgentSubOptions.parse(option82);
        } catch (IllegalArgumentException e) {
            return new Resolution.Unparseable("malformed option 82: " + e.getMessage());
        }
        String failure = null;
        for (Rule rule : rules) {
            if (!rule.appliesTo(giaddr, subs)) {
                continue;
            }
            Attempt a = attempt(rule, giaddr, subs, plugins);
            if (a.identity() != null) {
                return new Resolution.Identified(a.identity());
            }
            if (a.failure() != null && failure == null) {
                failure = rule.name() + ": " + a.failure();
            }
        }
        return failure == null ? new Resolution.NoRule() : new Resolution.Unparseable(failure);
    }

    /** Either an identity, a failure, or neither (the rule waits on a plugin). */
    private record Attempt(Option82Identity identity, String failure) {
    }

    private static Attempt attempt(Rule rule, Inet4Address giaddr, AgentSubOptions subs,
            Function<String, Option82Parser> plugins) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Rule.Input in : rule.inputs()) {
            Optional<byte[]> value = subs.get(in.subOption());
            if (value.isEmpty()) {
                return new Attempt(null, "no " + in.key() + " sub-option");
            }
            Option82Parser parser = in.builtIn() != null ? in.builtIn() : plugins.apply(in.format());
            if (parser == null) {
                return new Attempt(null, null);
            }
            Optional<Map<String, String>> parsed;
            try {
                parsed = parser.parse(value.get());
            } catch (RuntimeException e) {
                return new Attempt(null, in.key() + " format " + in.format() + " failed: " + e);
            }
            if (parsed == null || parsed.isEmpty()) {
                return new Attempt(null, in.key() + " '" + AgentSubOptions.readable(value.get())
                        + "' is not in format " + in.format());
            }
            fields.putAll(parsed.get());
        }
        Map<String, String> all = templateFields(giaddr, subs);
        all.putAll(fields);
        List<String> missing = new ArrayList<>();
        String circuit = render(rule.circuitIdOutput(), all, missing);
        String remote = render(rule.remoteIdOutput(), all, missing);
        if (!missing.isEmpty()) {
            return new Attempt(null, "output format names field '" + missing.get(0) + "' that the input lacks");
        }
        return new Attempt(new Option82Identity(rule.name(), fields, circuit, remote), null);
    }

    /**
     * An output, or {@code null}: when it names a sub-option this packet lacks (a relay that sends no
     * remote-id) the output is simply absent; any other unknown field is a failure.
     */
    private static String render(Template t, Map<String, String> fields, List<String> missing) {
        if (t == null) {
            return null;
        }
        List<String> lacking = new ArrayList<>();
        String out = t.render(fields, lacking);
        if (out == null && !SUB_OPTION_FIELDS.contains(lacking.get(0))) {
            missing.addAll(lacking);
        }
        return out;
    }

    /** Fields every output format may use besides the parsed ones. */
    private static Map<String, String> templateFields(Inet4Address giaddr, AgentSubOptions subs) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("giaddr", giaddr.getHostAddress());
        putSub(f, "circuit-id", subs.get(AgentSubOptions.CIRCUIT_ID));
        putSub(f, "remote-id", subs.get(AgentSubOptions.REMOTE_ID));
        putSub(f, "subscriber-id", subs.get(AgentSubOptions.SUBSCRIBER_ID));
        return f;
    }

    private static void putSub(Map<String, String> f, String name, Optional<byte[]> v) {
        v.ifPresent(b -> {
            f.put(name, AgentSubOptions.readable(b));
            f.put(name + ".hex", HexFormat.of().formatHex(b));
        });
    }
}
