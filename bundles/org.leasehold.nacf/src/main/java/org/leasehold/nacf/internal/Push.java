package org.leasehold.nacf.internal;

import java.util.concurrent.CompletableFuture;
import org.leasehold.nacf.A2Binding;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;

/**
 * One attach or detach on its way to the CLF: queued, then sent (with an identifier), then answered.
 * The future completes with the CLF's answer, or exceptionally when the push is dropped or unanswered.
 * Fields other than the final ones belong to the client's thread.
 */
final class Push {

    final long seq;
    final A2Kind kind;
    final A2Binding binding;
    final String reason;
    final CompletableFuture<A2Message> answer = new CompletableFuture<>();
    int identifier = -1;
    long sentNanos;
    int attempts;

    Push(long seq, A2Kind kind, A2Binding binding, String reason) {
        this.seq = seq;
        this.kind = kind;
        this.binding = binding;
        this.reason = reason;
    }

    A2Message message(int id) {
        return A2Message.request(kind, id, binding, reason);
    }
}
