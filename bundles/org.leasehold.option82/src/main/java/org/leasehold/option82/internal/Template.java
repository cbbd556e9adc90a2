package org.leasehold.option82.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An output format: text with {@code {field}} placeholders, e.g. {@code {access-node}/{slot}/{port}};
 * {@code {{} and {@code }}} are literal braces. Braces rather than {@code ${..}} because Karaf
 * expands {@code ${..}} in {@code etc/*.cfg} files before the value reaches us. Immutable.
 */
final class Template {

    private record Part(boolean field, String text) {
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * @throws IllegalArgumentException on an unclosed or empty placeholder or a lone '}'
     */
    static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            boolean doubled = i + 1 < source.length() && source.charAt(i + 1) == c;
            if ((c == '{' || c == '}') && doubled) {
                lit.append(c);
                i += 2;
            } else if (c == '{') {
                int end = source.indexOf('}', i);
                if (end < 0 || end == i + 1) {
                    throw new IllegalArgumentException("unclosed or empty { in output format: " + source);
                }
                if (lit.length() > 0) {
                    parts.add(new Part(false, lit.toString()));
                    lit.setLength(0);
                }
                parts.add(new Part(true, source.substring(i + 1, end).trim()));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("lone } in output format (write }} for a brace): " + source);
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) {
            parts.add(new Part(false, lit.toString()));
        }
        return new Template(source, List.copyOf(parts));
    }

    /** The text with fields filled in, or {@code null} after adding the first unknown field name to {@code missing}. */
    String render(Map<String, String> fields, List<String> missing) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (!p.field()) {
                out.append(p.text());
                continue;
            }
            String v = fields.get(p.text());
            if (v == null) {
                missing.add(p.text());
                return null;
            }
            out.append(v);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
