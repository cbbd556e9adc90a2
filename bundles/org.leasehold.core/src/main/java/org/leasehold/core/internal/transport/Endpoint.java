package org.leasehold.core.internal.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One bound socket and what it serves: the listen entry's interface and addresses. Replies leave
 * through the socket the request came in on, so a broadcast goes out that socket's interface.
 * Thread-safe: {@link #send} may be called from any thread and never blocks.
 */
public final class Endpoint {

    /** Puts one datagram on the wire (the transport's socket, or a test's capture). */
    @FunctionalInterface
    public interface Sender {
        void send(byte[] payload, InetSocketAddress to);
    }

    private final ListenSpec spec;
    private final Executor executor;
    private final Sender sender;
    private final String local;

    public Endpoint(ListenSpec spec, Executor executor, Sender sender, String local) {
        this.spec = spec;
        this.executor = executor;
        this.sender = sender;
        this.local = local;
    }

    public ListenSpec spec() {
        return spec;
    }

    /** The addresses this endpoint answers as; the first is its default server identifier. */
    public List<Inet4Address> addresses() {
        return spec.addresses();
    }

    public boolean loopback() {
        return spec.loopback();
    }

    /** Sends one datagram; never blocks. Failures (e.g. no route) are counted by the transport. */
    public void send(byte[] payload, InetSocketAddress to) {
        sender.send(payload, to);
    }

    /** The event loop that owns this socket: where a packet's deferred steps continue. */
    public Executor executor() {
        return executor;
    }

    @Override
    public String toString() {
        return spec + " " + local;
    }
}
