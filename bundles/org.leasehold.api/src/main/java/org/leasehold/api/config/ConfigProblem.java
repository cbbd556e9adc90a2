package org.leasehold.api.config;

import java.util.Objects;

/**
 * One error in a configuration: where, and what was expected or wrong ("expected a port number,
 * found 'x'"). A configuration with any problem is rejected whole. Immutable.
 */
public record ConfigProblem(SourcePosition position, String message) {

    public ConfigProblem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** A problem at a statement's keyword. */
    public static ConfigProblem at(ConfigStatement statement, String message) {
        return new ConfigProblem(statement.position(), message);
    }

    /** A problem at one token of a statement. */
    public static ConfigProblem at(ConfigToken token, String message) {
        return new ConfigProblem(token.position(), message);
    }

    /** {@code file:line:column: message}, the form every Leasehold error takes. */
    @Override
    public String toString() {
        return position + ": " + message;
    }
}
