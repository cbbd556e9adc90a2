package org.leasehold.option82;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a relayed packet says about its subscriber: the named fields the rule's input formats
 * extracted, and the circuit-id and remote-id rebuilt by the rule's output formats (what goes to the
 * CLF). Immutable and thread-safe.
 */
public final class Option82Identity {

    private final String rule;
    private final Map<String, String> fields;
    private final String circuitId;
    private final String remoteId;

    /**
     * @param rule name of the rule that produced it
     * @param fields extracted fields in extraction order (copied)
     * @param circuitId rebuilt circuit-id, or {@code null} when the rule has no output for it
     * @param remoteId rebuilt remote-id, or {@code null}
     */
    public Option82Identity(String rule, Map<String, String> fields, String circuitId, String remoteId) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.circuitId = circuitId;
        this.remoteId = remoteId;
    }

    public String rule() {
        return rule;
    }

    /** Unmodifiable, in extraction order. */
    public Map<String, String> fields() {
        return fields;
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Optional<String> circuitId() {
        return Optional.ofNullable(circuitId);
    }

    public Optional<String> remoteId() {
        return Optional.ofNullable(remoteId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option82Identity other && rule.equals(other.rule) && fields.equals(other.fields)
                && Objects.equals(circuitId, other.circuitId) && Objects.equals(remoteId, other.remoteId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, fields, circuitId, remoteId);
    }

    @Override
    public String toString() {
        return "Option82Identity[rule=" + rule + ", fields=" + fields + ", circuitId=" + circuitId + ", remoteId="
                + remoteId + "]";
    }
}
