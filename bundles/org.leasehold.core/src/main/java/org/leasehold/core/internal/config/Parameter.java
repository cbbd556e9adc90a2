package org.leasehold.core.internal.config;

import org.leasehold.core.internal.syntax.SourcePos;

/**
 * A non-option parameter statement: {@code name} and its value text as written ("600", "none",
 * "allow" for {@code allow unknown-clients}). Immutable.
 */
public record Parameter(String name, String value, SourcePos pos) {
}
