package org.leasehold.core.internal.syntax;

/** A place in a configuration file, printed as {@code file:line:column} (both 1-based). Immutable. */
public record SourcePos(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
