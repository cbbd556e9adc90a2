package org.leasehold.nacf;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One connection's codec state. Not thread-safe: the NACF confines a session to one thread. Both ends
 * of a connection may send requests (the CLF sends pulls); the session remembers what it needs to
 * check and sign the answers.
 */
@ConsumerType
public interface A2Session {

    /** The largest identifier the format carries; identifiers run 0..max and are reused. */
    int maxIdentifier();

    /** The bytes of one message, ready to write. */
    byte[] encode(A2Message message);

    /**
     * Decodes the next complete message from {@code in} (positioned at its start, in read mode) and
     * advances past it; empty, with the position unchanged, when the message is not complete yet.
     *
     * @throws A2ProtocolException when the bytes are not a valid message (bad length, attribute,
     *         authenticator, code, or an answer to no request); the connection must then be reset
     */
    Optional<A2Message> decode(ByteBuffer in) throws A2ProtocolException;
}
