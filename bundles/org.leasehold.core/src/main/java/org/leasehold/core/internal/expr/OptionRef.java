package org.leasehold.core.internal.expr;

/** A named option in an option space ("dhcp" for standard options, "agent" for option 82). Immutable. */
public record OptionRef(String space, int code, String name) {
}
