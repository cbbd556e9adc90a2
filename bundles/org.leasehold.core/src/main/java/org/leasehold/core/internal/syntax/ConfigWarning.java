package org.leasehold.core.internal.syntax;

/**
 * Something the configuration says that Leasehold accepts but does not act on (yet), or accepts only
 * as an alias. {@code statement} names the ISC statement so an operator can search for it. Immutable.
 */
public record ConfigWarning(SourcePos pos, String statement, String message) {

    @Override
    public String toString() {
        return pos + ": " + statement + ": " + message;
    }
}
