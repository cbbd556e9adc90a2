package org.leasehold.option82;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A vendor's input format for one Option 82 sub-option (usually the circuit-id or remote-id):
 * reads named fields out of the sub-option's bytes. Register an implementation as an OSGi service
 * (a DS {@code @Component}); rules of the {@code org.leasehold.option82} configuration name it by
 * {@link #format()}, e.g. {@code rule.1.circuit-id = tr101}. Installing the plugin's bundle makes
 * the rules that name it take effect for the next packet; uninstalling it makes them step aside.
 *
 * <p>Threading: {@link #parse} is called on the DHCP I/O threads, concurrently; it must be
 * thread-safe, fast and must not block. It must not throw for any input: bytes not in this format
 * give {@link Optional#empty()}.
 */
@ConsumerType
public interface Option82Parser {

    /**
     * The format name rules use, lower case letters, digits and '-' (e.g. {@code tr101}). Must not
     * collide with the built-in formats {@code text}, {@code bits} and {@code hex}.
     */
    String format();

    /**
     * Reads the fields of one sub-option value.
     *
     * @param value the sub-option's bytes (without code and length); the array is the parser's own
     * @return field name to value, in a stable order (names: lower case, letters, digits, '-'), or
     *     empty when the value is not in this format
     */
    Optional<Map<String, String>> parse(byte[] value);
}
