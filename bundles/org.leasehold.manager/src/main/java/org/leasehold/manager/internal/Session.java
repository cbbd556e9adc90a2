package org.leasehold.manager.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One manager connection on its own thread: the SSL byte, the greeting and challenge, then commands
 * one at a time. A protocol violation (a bad negotiation byte, a bad frame, a command before
 * authentication, a wrong answer) is logged and closes this connection only. Not thread-safe: one
 * thread runs it; {@link #close()} may be called from another.
 */
final class Session implements Runnable {

    /** The manager asks for a plain connection / for TLS; the server answers with one of these. */
    static final int PLAIN = 'N';
    static final int TLS = 'S';
    /** The server's answer when TLS is required and the manager asked for a plain connection. */
    static final int REFUSED = 'R';

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final ManagerServer server;
    private final Socket raw;
    private final String peer;
    private volatile Socket socket;

    Session(ManagerServer server, Socket raw) {
        this.server = server;
        this.raw = raw;
        this.socket = raw;
        this.peer = raw.getRemoteSocketAddress().toString();
    }

    @Override
    public void run() {
        try (Socket ignored = raw) {
            raw.setSoTimeout(server.idleTimeoutMillis());
            if (negotiate()) {
                serve();
            }
        } catch (FrameException e) {
            server.protocolError();
            server.warn("protocol", "manager connection {}: {}; closing it", peer, e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.info("manager connection {}: idle for {} ms; closing it", peer, server.idleTimeoutMillis());
        } catch (EOFException e) {
            server.protocolError();
            server.warn("protocol", "manager connection {}: the stream ended inside a frame; closing it", peer);
        } catch (IOException e) {
            LOG.debug("manager connection {}: {}", peer, String.valueOf(e));
        } finally {
            closeQuietly();
            server.ended(this);
        }
    }

    /** The SSL byte: true when the connection goes on (plain or over TLS). */
    private boolean negotiate() throws IOException, FrameException {
        InputStream in = raw.getInputStream();
        OutputStream out = raw.getOutputStream();
        int ask = in.read();
        if (ask < 0) {
            return false;
        }
        SSLContext tls = server.tls();
        if (ask == TLS && tls != null) {
            out.write(TLS);
            out.flush();
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, raw.getInetAddress().getHostAddress(),
                    raw.getPort(), true);
            s.setUseClientMode(false);
            s.startHandshake();
            socket = s;
            return true;
        }
        if (ask == TLS || ask == PLAIN && !server.tlsRequired()) {
            out.write(PLAIN);
            out.flush();
            return true;
        }
        if (ask == PLAIN) {
            out.write(REFUSED);
            out.flush();
            LOG.info("manager connection {}: asked for no TLS, but TLS is required; closing it", peer);
            return false;
        }
        throw new FrameException(String.format("negotiation byte 0x%02x is neither 'S' nor 'N'", ask));
    }

    private void serve() throws IOException, FrameException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        Reply reply = new Reply(out);
        String nonce = server.authenticator().nonce();
        reply.frame("HELLO leasehold-manager/1 nonce=" + nonce + (socket instanceof SSLSocket ? " tls=yes" : " tls=no")
                + "\n");
        boolean authenticated = false;
        String frame;
        while ((frame = Frames.read(in, server.maxFrameBytes())) != null) {
            Request r = Request.parse(frame);
            if ("quit".equals(r.command())) {
                reply.ok("bye");
                return;
            }
            if (!authenticated) {
                if (!"auth".equals(r.command())) {
                    reply.error("auth-required", "authenticate first (auth hmac=...)");
                    throw new FrameException("'" + r.command() + "' before authentication");
                }
                String answer = r.arg("hmac");
                if (answer == null || !server.authenticator().verify(nonce, answer)) {
                    server.authFailed();
                    reply.error("auth-failed", "wrong shared secret");
                    server.warn("auth", "manager connection {}: wrong shared secret; closing it", peer);
                    return;
                }
                authenticated = true;
                server.authenticated();
                LOG.info("manager connection {}: authenticated{}", peer, socket instanceof SSLSocket ? " over TLS" : "");
                reply.ok("authenticated");
                continue;
            }
            server.commands().execute(r, reply);
        }
    }

    void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("manager connection {}: close: {}", peer, String.valueOf(e));
        }
    }
}
