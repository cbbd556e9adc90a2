package org.leasehold.core.internal.syntax;

/** One error found in a configuration: where, and what was expected or wrong. Immutable. */
public record ConfigProblem(SourcePos pos, String message) {

    @Override
    public String toString() {
        return pos + ": " + message;
    }
}
