package org.leasehold.nacf.internal.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.leasehold.nacf.A2Binding;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.leasehold.nacf.internal.codec.LeaseholdA2Codec;

/**
 * A CLF for trying and testing the a2 interface: accepts NACF connections, logs every message on
 * stdout, answers attaches, detaches and heartbeats, keeps the bindings attaches made, and sends pulls.
 * Commands on stdin make it slow, silent, refusing or hostile. Runs outside OSGi with only the NACF
 * bundle's jar on the class path:
 * <pre>
 * java -cp system/org/leasehold/org.leasehold.nacf/VERSION/org.leasehold.nacf-VERSION.jar \
 *     org.leasehold.nacf.internal.simulator.ClfSimulator --port 3097 --secret SECRET
 * </pre>
 * See {@code docs/a2-protocol.md} for the commands and the output lines. Thread-safe.
 */
public final class ClfSimulator implements AutoCloseable {

    private final InetSocketAddress address;
    private final LeaseholdA2Codec codec = new LeaseholdA2Codec();
    private final byte[] secret;
    private final Consumer<String> out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clf-answers");
        t.setDaemon(true);
        return t;
    });
    private final List<SimConnection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, A2Binding> bindings = new ConcurrentHashMap<>();
    private volatile ServerSocket listener;
    private volatile long delayMillis;
    private volatile boolean dropPushes;
    private volatile boolean answerHeartbeats = true;
    private volatile boolean reject;

    /** {@code out} gets every output line (see the class comment); it is called under a lock, one line at a time. */
    public ClfSimulator(InetSocketAddress address, byte[] secret, long delayMillis, Consumer<String> out) {
        this.address = address;
        this.secret = secret.clone();
        this.delayMillis = delayMillis;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String bind = "127.0.0.1";
        int port = 3097;
        String secret = null;
        long delay = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> bind = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--secret" -> secret = args[++i];
                case "--delay-ms" -> delay = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: ClfSimulator [--bind ADDR] [--port 3097] --secret SECRET [--delay-ms N]");
                    System.exit(2);
                }
            }
        }
        if (secret == null) {
            System.err.println("--secret is required");
            System.exit(2);
        }
        try (ClfSimulator sim = new ClfSimulator(new InetSocketAddress(bind, port),
                secret.getBytes(StandardCharsets.UTF_8), delay, stdout()::println)) {
            sim.listen();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!sim.command(line.trim())) {
                    break;
                }
            }
        }
    }

    /** Opens the listening socket and accepts connections on a thread of its own. */
    public synchronized void listen() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(address);
        listener = s;
        log("LISTENING " + address.getHostString() + ":" + s.getLocalPort());
        Thread t = new Thread(() -> accept(s), "clf-accept");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        ServerSocket s = listener;
        return s == null ? -1 : s.getLocalPort();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                SimConnection c = new SimConnection(this, socket, codec.open(secret));
                connections.add(c);
                log("CONNECTED " + c.peer());
                c.start();
            } catch (IOException e) {
                if (!s.isClosed()) {
                    log("ERROR accept: " + e.getMessage());
                }
            }
        }
    }

    /** Runs one stdin command; false for {@code quit}. */
    public boolean command(String line) {
        String[] w = line.split("\\s+");
        try {
            switch (w[0]) {
                case "" -> { }
                case "delay" -> delayMillis = Long.parseLong(w[1]);
                case "drop" -> dropPushes = on(w[1]);
                case "heartbeat" -> answerHeartbeats = on(w[1]);
                case "reject" -> reject = on(w[1]);
                case "refuse" -> refuse(on(w[1]));
                case "disconnect" -> connections.forEach(c -> c.close("told to disconnect"));
                case "pull" -> pull(w[1], w.length > 2 ? w[2] : "");
                case "garbage" -> connections.forEach(c -> c.raw(new byte[] {(byte) 0xEE, 0, 0, 3, 1, 2, 3}));
                case "forge" -> connections.forEach(SimConnection::forge);
                case "bindings" -> {
                    log("BINDINGS " + bindings.size());
                    bindings.values().forEach(b -> log("BINDING " + b));
                }
                case "quit" -> {
                    return false;
                }
                default -> log("ERROR unknown command: " + line);
            }
            log("OK " + line);
        } catch (RuntimeException | IOException e) {
            log("ERROR " + line + ": " + e);
        }
        return true;
    }

    private static boolean on(String v) {
        return v.equals("on") || v.equals("true");
    }

    private synchronized void refuse(boolean refuse) throws IOException {
        if (refuse) {
            ServerSocket s = listener;
            listener = null;
            if (s != null) {
                s.close();
            }
            connections.forEach(c -> c.close("refusing"));
        } else {
            listen();
        }
    }

    private void pull(String ip, String realm) throws IOException {
        Inet4Address a = (Inet4Address) InetAddress.getByName(ip);
        for (SimConnection c : connections) {
            c.send(A2Message.request(A2Kind.PULL, c.nextId(), A2Binding.of(a, realm), ""));
        }
    }

    /** Logs a message from a NACF and answers it as the simulator is told to. */
    void received(SimConnection c, A2Message m) {
        log("RECV " + m);
        switch (m.kind()) {
            case HEARTBEAT -> {
                if (answerHeartbeats) {
                    c.send(A2Message.answer(m, A2Message.SUCCESS, null, ""));
                }
            }
            case ATTACH, DETACH -> {
                if (dropPushes) {
                    return;
                }
                int result = reject && m.kind() == A2Kind.ATTACH ? A2Message.REJECTED : A2Message.SUCCESS;
                if (result == A2Message.SUCCESS) {
                    String key = m.binding().realm() + "/" + m.binding().address().getHostAddress();
                    if (m.kind() == A2Kind.ATTACH) {
                        bindings.put(key, m.binding());
                    } else {
                        bindings.remove(key);
                    }
                }
                A2Message answer = A2Message.answer(m, result, m.binding(), result == A2Message.SUCCESS ? "" : "rejected by the simulator");
                long d = delayMillis;
                if (d <= 0) {
                    c.send(answer);
                } else {
                    timer.schedule(() -> c.send(answer), d, TimeUnit.MILLISECONDS);
                }
            }
            case PULL_ANSWER, ERROR -> log("PULL-ANSWER " + m);
            default -> c.send(new A2Message(A2Kind.ERROR, m.identifier(), null, A2Message.UNSUPPORTED,
                    "the CLF does not serve " + m.kind()));
        }
    }

    void gone(SimConnection c, String why) {
        if (connections.remove(c)) {
            log("DISCONNECTED " + c.peer() + " " + why);
        }
    }

    synchronized void log(String line) {
        out.accept(line);
    }

    private static PrintStream stdout() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        refuse(true);
        timer.shutdownNow();
    }
}
