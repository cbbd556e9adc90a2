package org.leasehold.core.internal.syntax;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The only failure the configuration reader reports: one or more problems, each with its
 * {@code file:line:column}. Immutable.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(SourcePos pos, String message) {
        this(List.of(new ConfigProblem(pos, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
