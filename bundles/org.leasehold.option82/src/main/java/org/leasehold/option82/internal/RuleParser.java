package org.leasehold.option82.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.leasehold.api.config.IndexedProperties;

/**
 * Reads the rules out of the {@code org.leasehold.option82} configuration: keys
 * {@code rule.<n>.<key>}, rules tried in ascending n. Keys of a rule:
 * <ul>
 * <li>{@code name}: for logs (default {@code rule<n>});</li>
 * <li>{@code giaddr}: comma-separated CIDR, a-b ranges or addresses the relay's giaddr must be in;</li>
 * <li>{@code remote-id-prefix}: the remote-id must start with this, hex ({@code 0x0200},
 * {@code 02:00}) or quoted text ({@code "DSLAM"});</li>
 * <li>{@code circuit-id}, {@code remote-id}, {@code subscriber-id}, {@code suboption.<code>}: the input
 * format of that sub-option: {@code text REGEX}, {@code bits LAYOUT}, {@code hex} or a plugin name;</li>
 * <li>{@code output.circuit-id}, {@code output.remote-id}: output formats ({@link Template}).</li>
 * </ul>
 */
final class RuleParser {

    private static final Pattern PLUGIN = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private RuleParser() {
    }

    /**
     * @throws IllegalArgumentException naming the PID and key of the first bad entry
     */
    static List<Rule> parse(Map<String, ?> props, String pid) {
        List<Rule> rules = new ArrayList<>();
        IndexedProperties.group(props, "rule").forEach((n, keys) -> rules.add(rule(n, keys, pid)));
        return List.copyOf(rules);
    }

    private static Rule rule(int n, Map<String, String> keys, String pid) {
        String name = keys.getOrDefault("name", "rule" + n);
        List<AddressRange> giaddrs = new ArrayList<>();
        byte[] prefix = null;
        List<Rule.Input> inputs = new ArrayList<>();
        Template circuitOut = null;
        Template remoteOut = null;
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String where = pid + " rule." + n + "." + key;
            try {
                switch (key) {
                    case "name" -> { }
                    case "giaddr" -> {
                        for (String part : value.split(",")) {
                            giaddrs.add(AddressRange.parse(part));
                        }
                    }
                    case "remote-id-prefix" -> prefix = bytes(value);
                    case "circuit-id" -> inputs.add(input(key, AgentSubOptions.CIRCUIT_ID, value));
                    case "remote-id" -> inputs.add(input(key, AgentSubOptions.REMOTE_ID, value));
                    case "subscriber-id" -> inputs.add(input(key, AgentSubOptions.SUBSCRIBER_ID, value));
                    case "output.circuit-id" -> circuitOut = Template.parse(value);
                    case "output.remote-id" -> remoteOut = Template.parse(value);
                    default -> inputs.add(suboption(key, value));
                }
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(pid + " rule." + n + " has no input format (e.g. rule." + n
                    + ".circuit-id = text (?<port>.*))");
        }
        return new Rule(name, giaddrs, prefix, inputs, circuitOut, remoteOut);
    }

    private static Rule.Input suboption(String key, String value) {
        if (!key.startsWith("suboption.")) {
            throw new IllegalArgumentException("unknown key");
        }
        int code = Integer.parseInt(key.substring("suboption.".length()));
        if (code < 1 || code > 255) {
            throw new IllegalArgumentException("sub-option code must be 1..255");
        }
        return input(key, code, value);
    }

    static Rule.Input input(String key, int code, String spec) {
        String s = spec.strip();
        int sp = s.indexOf(' ');
        String format = (sp < 0 ? s : s.substring(0, sp)).toLowerCase(Locale.ROOT);
        String arg = sp < 0 ? "" : s.substring(sp + 1).strip();
        switch (format) {
            case "text":
                return new Rule.Input(key, code, format, TextFormat.of(arg));
            case "bits":
                return new Rule.Input(key, code, format, BitsFormat.of(arg));
            case "hex":
                return new Rule.Input(key, code, format, HexDumpFormat.INSTANCE);
            default:
                if (!PLUGIN.matcher(format).matches() || !arg.isEmpty()) {
                    throw new IllegalArgumentException("'" + spec + "' is not text REGEX, bits LAYOUT, hex or a plugin name");
                }
                return new Rule.Input(key, code, format, null);
        }
    }

    /** Hex ({@code 0x0a0b}, {@code 0a:0b}) or quoted ASCII text. */
    static byte[] bytes(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).getBytes(StandardCharsets.ISO_8859_1);
        }
        String hex = (v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v).replace(":", "");
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is neither hex nor \"quoted text\"", e);
        }
    }
}
