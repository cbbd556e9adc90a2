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

    private Option82Attributes() {
    }
}
