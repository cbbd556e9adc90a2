package org.leasehold.option82;

import org.leasehold.api.pipeline.AttributeKey;

/** The per-packet attributes this capability sets, for later handlers (NACF/CLF, classing, logs). */
public final class Option82Attributes {

    /**
     * The subscriber identity parsed from option 82 at {@code CLASSIFY}, order 100. Absent when the
     * packet has no option 82, no rule applies, or the option could not be parsed.
     */
    public static final AttributeKey<Option82Identity> IDENTITY =
            AttributeKey.of("option82.identity", Option82Identity.class);

    /**
     * The identity's rebuilt circuit-id as text, beside {@link #IDENTITY}, so that dhcpd.conf classes can
     * match it by name: {@code match if attribute "option82.circuit-id" = "access-7/port-0";}. Absent
     * when the rule has no circuit-id output.
     */
    public static final AttributeKey<String> CIRCUIT_ID = AttributeKey.of("option82.circuit-id", String.class);

    /** The rebuilt remote-id as text ({@code attribute "option82.remote-id"}); absent when the rule has none. */
    public static final AttributeKey<String> REMOTE_ID = AttributeKey.of("option82.remote-id", String.class);

    /** The name of the rule that identified the packet ({@code attribute "option82.rule"}). */
    public static final AttributeKey<String> RULE = AttributeKey.of("option82.rule", String.class);

    private Option82Attributes() {
    }
}
