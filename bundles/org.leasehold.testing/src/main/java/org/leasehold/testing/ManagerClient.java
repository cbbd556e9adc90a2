package org.leasehold.testing;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A manager of the Server Manager interface, written from docs/manager-protocol.md alone (it shares
 * no code with the server): the SSL byte, the greeting, the HMAC challenge, commands and streamed
 * fetches, and raw bytes for tests of what the server does with a broken peer. Blocking; not
 * thread-safe.
 */
public final class ManagerClient implements Closeable {

    /** One answer frame: its first line and the lines after it. */
    public record Reply(String status, List<String> lines) {

        public boolean ok() {
            return status.equals("OK") || status.startsWith("OK ");
        }

        /** The error code of an {@code ERR code text} status, "" for OK. */
        public String code() {
            return status.startsWith("ERR ") ? status.split(" ", 3)[1] : "";
        }

        /** The {@code key=value} lines as a map (first '=' splits). */
        public Map<String, String> fields() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String l : lines) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    m.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
            return m;
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final int answer;
    private final String hello;

    private ManagerClient(Socket socket, int answer, String hello, InputStream in) throws IOException {
        this.socket = socket;
        this.answer = answer;
        this.hello = hello;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /**
     * Connects, sends the SSL byte ('S' when {@code tls}, else 'N') and reads the server's byte; on 'S'
     * continues over TLS trusting {@code trust}. Reads the greeting when the connection goes on.
     */
    public static ManagerClient connect(InetSocketAddress address, boolean tls, SSLContext trust) throws IOException {
        Socket s = new Socket();
        s.connect(address, 10_000);
        s.setSoTimeout(60_000);
        s.getOutputStream().write(tls ? 'S' : 'N');
        s.getOutputStream().flush();
        int answer = s.getInputStream().read();
        if (answer == 'S') {
            SSLSocket ssl = (SSLSocket) trust.getSocketFactory().createSocket(s, address.getHostString(),
                    address.getPort(), true);
            ssl.setUseClientMode(true);
            ssl.startHandshake();
            s = ssl;
        }
        InputStream in = new BufferedInputStream(s.getInputStream());
        String hello = answer == 'S' || answer == 'N' ? readFrame(in) : null;
        return new ManagerClient(s, answer, hello, in);
    }

    /** A client that only connects: the test sends whatever bytes it likes. */
    public static ManagerClient raw(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 10_000);
        s.setSoTimeout(60_000);
        return new ManagerClient(s, -1, null, new BufferedInputStream(s.getInputStream()));
    }

    /** The server's answer to the SSL byte: 'S', 'N', 'R', or -1 when it closed. */
    public int negotiated() {
        return answer;
    }

    public boolean overTls() {
        return socket instanceof SSLSocket;
    }

    /** The greeting frame's text ({@code HELLO leasehold-manager/1 nonce=...}), null when none came. */
    public String hello() {
        return hello;
    }

    /** Answers the greeting's challenge with HMAC-SHA256(secret, nonce). */
    public Reply auth(String secret) throws IOException {
        String nonce = Arrays.stream(hello.trim().split(" ")).filter(t -> t.startsWith("nonce=")).findFirst()
                .orElseThrow(() -> new IOException("no nonce in the greeting: " + hello)).substring(6);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return call("auth hmac=" + HexFormat.of().formatHex(mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public Reply call(String line) throws IOException {
        return call(line, null);
    }

    /** Sends {@code line} (and {@code body} after a line feed) and reads one answer frame. */
    public Reply call(String line, String body) throws IOException {
        send(body == null ? line : line + "\n" + body);
        return reply();
    }

    /**
     * Sends a fetch and reads its {@code LEASES n} frames, handing each lease line to {@code onLease}
     * and each frame's count to {@code onFrame}; returns the final answer.
     */
    public Reply fetch(String args, Consumer<String> onLease, Consumer<Integer> onFrame) throws IOException {
        send(args.isEmpty() ? "fetch" : "fetch " + args);
        while (true) {
            Reply r = reply();
            if (!r.status().startsWith("LEASES ")) {
                return r;
            }
            int n = Integer.parseInt(r.status().substring(7));
            if (n != r.lines().size()) {
                throw new IOException("a LEASES " + n + " frame with " + r.lines().size() + " lines");
            }
            onFrame.accept(n);
            r.lines().forEach(onLease);
        }
    }

    /** Sends one frame holding {@code text}. */
    public void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[payload.length + 4];
        frame[0] = (byte) (payload.length >>> 24);
        frame[1] = (byte) (payload.length >>> 16);
        frame[2] = (byte) (payload.length >>> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        sendRaw(frame);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Ends the stream towards the server (a half close), as a peer that stops inside a frame does. */
    public void endOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one answer frame; throws EOFException when the server closed instead. */
    public Reply reply() throws IOException {
        String text = readFrame(in);
        if (text == null) {
            throw new EOFException("the server closed the connection");
        }
        List<String> lines = List.of(text.split("\n", -1));
        List<String> rest = lines.subList(1, lines.size());
        if (!rest.isEmpty() && rest.get(rest.size() - 1).isEmpty()) {
            rest = rest.subList(0, rest.size() - 1);
        }
        return new Reply(lines.get(0), List.copyOf(rest));
    }

    /** Whether the server has closed the connection (reads until end of stream, ignoring any frames). */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain what was sent before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        DataInputStream data = new DataInputStream(in);
        int length = first << 24 | data.readUnsignedByte() << 16 | data.readUnsignedByte() << 8 | data.readUnsignedByte();
        byte[] payload = new byte[length];
        data.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
