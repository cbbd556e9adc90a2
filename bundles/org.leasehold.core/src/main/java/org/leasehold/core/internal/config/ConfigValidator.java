package org.leasehold.core.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigProblem;

/**
 * Checks that need the whole configuration: ranges inside their subnet, no overlapping ranges within
 * one address space, and classes named by permits and subclasses exist. Reports every problem at
 * once. Stateless.
 */
final class ConfigValidator {

    private record Placed(RangeDecl range, PoolDecl pool) {
    }

    private ConfigValidator() {
    }

    static void validate(DhcpConfig config) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> classNames = new HashSet<>();
        config.classes().forEach(c -> classNames.add(c.name()));
        Map<String, List<Placed>> bySpace = new TreeMap<>();
        Map<String, SubnetDecl> subnetIds = new HashMap<>();
        for (SubnetDecl s : config.subnets()) {
            SubnetDecl earlier = subnetIds.putIfAbsent(s.id(), s);
            if (earlier != null) {
                problems.add(new ConfigProblem(s.pos(), "subnet " + s.id() + " is already declared at " + earlier.pos()));
            }
            for (PoolDecl p : s.pools()) {
                for (RangeDecl r : p.ranges()) {
                    if (!s.contains(r.first()) || !s.contains(r.last())) {
                        problems.add(new ConfigProblem(r.pos(), "range " + r + " is not inside subnet " + s.id()));
                    }
                    bySpace.computeIfAbsent(p.space(), k -> new ArrayList<>()).add(new Placed(r, p));
                }
                for (Permit permit : p.permits()) {
                    if (permit.kind() == Permit.Kind.MEMBERS_OF && !classNames.contains(permit.className())) {
                        problems.add(new ConfigProblem(permit.pos(), "expected a declared class, found members of \""
                                + permit.className() + "\""));
                    }
                }
            }
        }
        bySpace.forEach((space, ranges) -> overlaps(space, ranges, problems));
        for (SubclassDecl sc : config.subclasses()) {
            if (!classNames.contains(sc.className())) {
                problems.add(new ConfigProblem(sc.pos(), "expected a declared class for subclass \"" + sc.className() + "\""));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Sorted sweep: each range is compared with the furthest-reaching earlier one. */
    private static void overlaps(String space, List<Placed> ranges, List<ConfigProblem> problems) {
        List<Placed> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.range().first(), b.range().first()));
        Placed reach = null;
        for (Placed p : sorted) {
            if (reach != null && reach.range().overlaps(p.range())) {
                problems.add(new ConfigProblem(p.range().pos(), "range " + p.range() + " overlaps range "
                        + reach.range() + " at " + reach.range().pos() + " in address space \""
                        + space + "\" (pools overlap only when their 'allow members of' classes differ)"));
            }
            if (reach == null || p.range().last() > reach.range().last()) {
                reach = p;
            }
        }
    }
}
