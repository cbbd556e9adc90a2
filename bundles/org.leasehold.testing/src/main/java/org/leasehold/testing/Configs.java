package org.leasehold.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stand-ins for DS configuration types (the {@code @interface}s a component's {@code @Activate}
 * takes): each method answers the value given for its name, else its declared default. Stateless.
 */
public final class Configs {

    private Configs() {
    }

    /**
     * A {@code type} whose methods answer {@code values} by method name, else their defaults.
     *
     * @throws IllegalArgumentException when a value names no method of {@code type}
     */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        for (String name : values.keySet()) {
            try {
                type.getMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " has no " + name + "()", e);
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> self == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
        return type.cast(proxy);
    }

    /**
     * The properties of a {@code .cfg} file's text, as Felix fileinstall hands them to a component:
     * one {@code key = value} a line, values trimmed, blank lines and {@code #} comments left out.
     * Modifiable, in file order.
     */
    public static Map<String, Object> properties(String cfg) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : cfg.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not key = value: " + l);
            }
            out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }

    /** {@code type} with every method at its default. */
    public static <A extends Annotation> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
