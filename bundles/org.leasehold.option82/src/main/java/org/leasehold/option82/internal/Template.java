package org.leasehold.option82.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An output format: text with {@code ${field}} placeholders, e.g. {@code ${access-node}/${slot}/${port}}.
 * {@code $$} is a literal '$'. Immutable.
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
     * @throws IllegalArgumentException on an unclosed placeholder
     */
    static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '$') {
                lit.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                int end = source.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ${ in output format: " + source);
                }
                if (lit.length() > 0) {
                    parts.add(new Part(false, lit.toString()));
                    lit.setLength(0);
                }
                parts.add(new Part(true, source.substring(i + 2, end).trim()));
                i = end + 1;
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
