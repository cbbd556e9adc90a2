package org.leasehold.option82.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.leasehold.option82.Option82Parser;

/**
 * Built-in input format {@code text REGEX}: the sub-option as printable ASCII, matched whole against a
 * regular expression whose named groups become fields. Without a regex the whole text is the
 * field {@code text}. A value with other bytes is not text (a {@code bits} or {@code hex} rule reads
 * it). In a Karaf {@code .cfg} file a regex backslash is written twice ({@code \\d}). Immutable.
 */
final class TextFormat implements Option82Parser {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final Pattern pattern;
    private final List<String> groups;

    private TextFormat(Pattern pattern, List<String> groups) {
        this.pattern = pattern;
        this.groups = groups;
    }

    /**
     * @throws IllegalArgumentException when the regex does not compile
     */
    static TextFormat of(String regex) {
        if (regex == null || regex.isBlank()) {
            return new TextFormat(Pattern.compile("(?<text>.*)", Pattern.DOTALL), List.of("text"));
        }
        try {
            Pattern p = Pattern.compile(regex.strip(), Pattern.DOTALL);
            List<String> names = new ArrayList<>();
            Matcher m = GROUP_NAME.matcher(regex);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("text format needs named groups like (?<port>\\d+): " + regex);
            }
            return new TextFormat(p, List.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad text format regex: " + e.getDescription() + " in " + regex, e);
        }
    }

    @Override
    public String format() {
        return "text";
    }

    @Override
    public Optional<Map<String, String>> parse(byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7e) {
                return Optional.empty(); // binary: a bits or hex rule reads it, not text
            }
        }
        Matcher m = pattern.matcher(new String(value, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String g : groups) {
            String v = m.group(g);
            if (v != null) {
                fields.put(g, v);
            }
        }
        return Optional.of(fields);
    }
}
