package org.leasehold.core.internal.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where the transport delivers received datagrams. Called on a Netty event loop: must not block.
 * The payload is only valid during the call (the codec copies what it keeps).
 */
@FunctionalInterface
public interface DatagramSink {
    void receive(Endpoint endpoint, ByteBuffer payload, InetSocketAddress sender);
}
