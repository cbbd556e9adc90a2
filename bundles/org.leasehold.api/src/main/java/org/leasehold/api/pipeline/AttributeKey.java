package org.leasehold.api.pipeline;

import java.util.Objects;

/**
 * The typed name of a per-packet attribute in a {@link PacketContext}. Keys compare by identity:
 * each capability declares its keys once as constants in its API and others import them, so two
 * bundles can never collide on a string name. Immutable and thread-safe.
 *
 * @param <T> the attribute's value type
 */
public final class AttributeKey<T> {

    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A new key; {@code name} is for logs and {@code dhcp:} commands, e.g. "option82.identity". */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** Checks a value against the key's type, so a wrong put fails at the writer, not a reader. */
    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name + "<" + type.getSimpleName() + ">";
    }
}
