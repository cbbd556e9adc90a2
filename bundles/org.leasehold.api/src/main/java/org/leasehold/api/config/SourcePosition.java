package org.leasehold.api.config;

import java.util.Objects;

/**
 * A place in a configuration file, printed as {@code file:line:column} (both 1-based). Immutable.
 *
 * @param file   the file's name as the server read it
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourcePosition(String file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
