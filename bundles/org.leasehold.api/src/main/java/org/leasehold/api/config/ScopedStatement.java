package org.leasehold.api.config;

import java.util.Objects;

/** A capability statement with the declaration it is written in. Immutable. */
public record ScopedStatement(ConfigScope scope, ConfigStatement statement) {

    public ScopedStatement {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(statement, "statement");
    }
}
