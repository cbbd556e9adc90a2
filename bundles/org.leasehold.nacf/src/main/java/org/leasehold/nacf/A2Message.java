package org.leasehold.nacf;

import java.util.Objects;
import java.util.Optional;

/**
 * One a2 message in wire-neutral form. Immutable.
 *
 * @param kind       the primitive
 * @param identifier matches an answer to its request; a codec defines its range ({@link A2Session#maxIdentifier()})
 * @param binding    the IP context (attach, detach, pull answer) or the address asked for (pull); null when none
 * @param result     the result code of an answer ({@link #SUCCESS}, ...); 0 in requests
 * @param reason     free text: why a detach is sent, why an answer failed; {@code ""} when none
 */
public record A2Message(A2Kind kind, int identifier, A2Binding binding, int result, String reason) {

    /** The request was carried out. */
    public static final int SUCCESS = 0;
    /** Pull: the NACF has no active binding for the address. */
    public static final int UNKNOWN_ADDRESS = 1;
    /** The receiver refused the request (policy, unknown subscriber). */
    public static final int REJECTED = 2;
    /** The request lacked an attribute it needs or had one it cannot read. */
    public static final int MALFORMED = 3;
    /** The receiver does not implement this kind of request. */
    public static final int UNSUPPORTED = 4;
    /** The receiver could not process it now (overload, internal error). */
    public static final int UNAVAILABLE = 5;

    public A2Message {
        Objects.requireNonNull(kind, "kind");
        reason = Objects.requireNonNullElse(reason, "");
    }

    public static A2Message request(A2Kind kind, int identifier, A2Binding binding, String reason) {
        return new A2Message(kind, identifier, binding, SUCCESS, reason);
    }

    /** The answer to {@code request} with {@code result} (the request's kind's answer kind). */
    public static A2Message answer(A2Message request, int result, A2Binding binding, String reason) {
        return new A2Message(request.kind().answer(), request.identifier(), binding, result, reason);
    }

    public Optional<A2Binding> bindingIfAny() {
        return Optional.ofNullable(binding);
    }

    /** Whether this is a successful answer. */
    public boolean succeeded() {
        return !kind.isRequest() && kind != A2Kind.ERROR && result == SUCCESS;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind.name()).append(" id=").append(identifier);
        if (!kind.isRequest()) {
            b.append(" result=").append(result);
        }
        if (binding != null) {
            b.append(' ').append(binding);
        }
        if (!reason.isEmpty()) {
            b.append(" reason=\"").append(reason).append('"');
        }
        return b.toString();
    }
}
