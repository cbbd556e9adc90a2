package org.leasehold.nacf.internal.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.leasehold.nacf.A2ProtocolException;
import org.leasehold.nacf.A2Session;

/** One NACF connection of the {@link ClfSimulator}: a reader thread; sends are serialised on the session. */
final class SimConnection {

    private static final java.net.Inet4Address FORGED_ADDRESS;

    static {
        try {
            FORGED_ADDRESS = (java.net.Inet4Address) java.net.InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 77});
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ClfSimulator sim;
    private final Socket socket;
    private final A2Session session;
    private final String peer;
    private int nextId;

    SimConnection(ClfSimulator sim, Socket socket, A2Session session) {
        this.sim = sim;
        this.socket = socket;
        this.session = session;
        this.peer = socket.getRemoteSocketAddress().toString();
    }

    String peer() {
        return peer;
    }

    void start() {
        Thread t = new Thread(this::read, "clf-conn " + peer);
        t.setDaemon(true);
        t.start();
    }

    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        byte[] chunk = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                buf.put(chunk, 0, n);
                buf.flip();
                while (true) {
                    Optional<A2Message> m;
                    synchronized (this) {
                        m = session.decode(buf);
                    }
                    if (m.isEmpty()) {
                        break;
                    }
                    sim.received(this, m.get());
                }
                buf.compact();
            }
            close("closed by the NACF");
        } catch (A2ProtocolException e) {
            sim.log("ERROR bad message from " + peer + ": " + e.getMessage());
            close("bad message");
        } catch (IOException | RuntimeException e) {
            close(String.valueOf(e.getMessage()));
        }
    }

    synchronized int nextId() {
        int id = nextId;
        nextId = (nextId + 1) & 0xff;
        return id;
    }

    synchronized void send(A2Message m) {
        try {
            socket.getOutputStream().write(session.encode(m));
            sim.log("SENT " + m);
        } catch (IOException | RuntimeException e) {
            close("write failed: " + e.getMessage());
        }
    }

    synchronized void raw(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            sim.log("SENT-RAW " + bytes.length + " bytes");
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        }
    }

    /** A heartbeat-looking request whose authenticator was computed with another secret. */
    synchronized void forge() {
        byte[] frame = session.encode(A2Message.request(A2Kind.PULL, nextId(), org.leasehold.nacf.A2Binding.of(
                FORGED_ADDRESS, ""), ""));
        frame[frame.length - 1] ^= 0x01;    // one bit of the attributes changed after signing
        raw(frame);
    }

    void close(String why) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        sim.gone(this, why);
    }
}
