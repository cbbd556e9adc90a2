package org.leasehold.api.pipeline;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link PacketHandler} tells the engine to do next. What each verdict means at each point
 * is documented on {@link HookPoint}. Immutable; the four decisions are shared constants.
 */
public sealed interface Verdict permits Verdict.Decision, Verdict.Park {

    /** Run the next handler, then the engine's own step. */
    Verdict CONTINUE = Decision.CONTINUE;
    /** End this hook point; the engine skips its default step as documented per point. */
    Verdict SKIP = Decision.SKIP;
    /** Discard the packet. */
    Verdict DROP = Decision.DROP;
    /** Send the current reply now. */
    Verdict RESPOND = Decision.RESPOND;

    /**
     * Suspend the packet until {@code resume} completes; its value is the handler's real verdict.
     * The stage must complete on its own (with a timeout of its own); an exceptional completion
     * counts as a handler error. The engine bounds how many packets may be parked at once.
     */
    static Verdict park(CompletionStage<Verdict> resume) {
        return new Park(resume);
    }

    /** The verdicts that decide at once. */
    enum Decision implements Verdict {
        CONTINUE, SKIP, DROP, RESPOND
    }

    /** A verdict that arrives later, through {@code resume}. */
    record Park(CompletionStage<Verdict> resume) implements Verdict {
        public Park {
            Objects.requireNonNull(resume, "resume");
        }
    }
}
