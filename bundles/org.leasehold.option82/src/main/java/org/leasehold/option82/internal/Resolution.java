package org.leasehold.option82.internal;

import org.leasehold.option82.Option82Identity;

/** The outcome of applying the rules to one option 82. */
public sealed interface Resolution {

    /** A rule parsed the option. */
    public record Identified(Option82Identity identity) implements Resolution {
    }

    /** No rule is for this relay (or every rule for it waits on a plugin that is not installed). */
    public record NoRule() implements Resolution {
    }

    /** Rules were for this relay but none could parse it, or the option itself is malformed. */
    public record Unparseable(String reason) implements Resolution {
    }
}
