package org.leasehold.core.internal.classify;

/** {@code lease limit N} applying to the members of {@code className} ("C" or "C:value"). Immutable. */
public record ClassLimit(String className, int limit) {
}
