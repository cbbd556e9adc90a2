package org.leasehold.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's packages depend on each other one way only (docs/architecture.md draws them): read from
 * the sources, a package that uses another, directly or through others, is never used back by it.
 */
class PackageDependencyTest {

    private static final Path SOURCES = Path.of("src/main/java/org/leasehold/core/internal");
    private static final Pattern USE = Pattern.compile("org\\.leasehold\\.core\\.internal\\.(?:([a-z]+)\\.)?[A-Z]");
    private static final String ROOT = "(root)";

    @Test
    void noPackageOfTheCoreIsUsedBackByOneItUses() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(uses).as("sources found").containsKeys(ROOT, "engine", "config", "expr");
        List<String> cycles = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : uses.entrySet()) {
            for (String used : e.getValue()) {
                if (reachable(uses, used).contains(e.getKey())) {
                    cycles.add(e.getKey() + " -> " + used + " -> ... -> " + e.getKey());
                }
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void theLowPackagesUseNoOtherPackageOfTheCore() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(uses.getOrDefault("syntax", Set.of())).isEmpty();
        assertThat(uses.getOrDefault("value", Set.of())).isEmpty();
        assertThat(uses.get("expr")).doesNotContain("config");
    }

    /** Package to the packages its code (comments left out) names. */
    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path dir = SOURCES.relativize(f.getParent());
                String pkg = dir.toString().isEmpty() ? ROOT : dir.toString().replace('/', '.');
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = USE.matcher(code);
                while (m.find()) {
                    String target = m.group(1) == null ? ROOT : m.group(1);
                    if (!target.equals(pkg)) {
                        used.add(target);
                    }
                }
            }
        }
        return uses;
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            for (String next : uses.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
