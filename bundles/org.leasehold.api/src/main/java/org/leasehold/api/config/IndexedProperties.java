package org.leasehold.api.config;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbered entries of a flat OSGi configuration, as capabilities write lists in a {@code .cfg} file:
 * {@code rule.1.name = video}, {@code rule.1.giaddr = 198.51.100.1}, {@code rule.2.name = ...}.
 * {@link #group} gathers the keys of each number, in number order; values are trimmed strings, null
 * values left out. Keys that do not have the form {@code PREFIX.N.KEY} are not part of the result.
 * Stateless; thread-safe.
 */
public final class IndexedProperties {

    private IndexedProperties() {
    }

    /**
     * The entries {@code PREFIX.N.KEY = VALUE} of {@code properties}, grouped by {@code N} (ascending),
     * each group a map of {@code KEY} (may contain dots) to its value, sorted by key. Unmodifiable.
     *
     * @param prefix the list's name without its dot, e.g. {@code "rule"}
     */
    public static SortedMap<Integer, SortedMap<String, String>> group(Map<String, ?> properties, String prefix) {
        Pattern key = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d{1,9})\\.(.+)");
        SortedMap<Integer, SortedMap<String, String>> byIndex = new TreeMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            Matcher m = key.matcher(e.getKey());
            if (m.matches() && e.getValue() != null) {
                byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>())
                        .put(m.group(2), e.getValue().toString().trim());
            }
        }
        byIndex.replaceAll((n, keys) -> Collections.unmodifiableSortedMap(keys));
        return Collections.unmodifiableSortedMap(byIndex);
    }
}
