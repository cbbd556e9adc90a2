package org.leasehold.nacf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.leasehold.api.logging.RateLimitedLog;
import org.leasehold.nacf.A2Binding;
import org.leasehold.nacf.A2Codec;
import org.leasehold.nacf.A2Kind;
import org.leasehold.nacf.A2Message;
import org.leasehold.nacf.A2ProtocolException;
import org.leasehold.nacf.A2Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NACF end of the a2 interface: one TCP connection to the CLF, opened at start and again with
 * backoff whenever it is lost; heartbeats and their miss count; the push queue (bounded, replayed in
 * order after a reconnect, or dropped and counted, as configured) with a window of unanswered pushes;
 * answers to the CLF's pulls.
 *
 * <p>Threading: all state belongs to one thread ({@code leasehold-nacf}); a reader thread per
 * connection only hands the bytes it reads to it. {@link #push} and the status getters may be called
 * from any thread and never block. A CLF that sends bytes that are not a valid message is logged and
 * its connection reset.
 */
final class ClfClient implements AutoCloseable {

    enum State { STARTING, CONNECTING, CONNECTED, DISCONNECTED, STOPPED }

    static final String ALARM_LOGGER = "org.leasehold.nacf.alarm";
    private static final Logger LOG = LoggerFactory.getLogger(ClfClient.class);
    private static final Logger ALARM = LoggerFactory.getLogger(ALARM_LOGGER);
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final NacfSettings settings;
    private final Supplier<Optional<A2Codec>> codec;
    private final Function<A2Message, A2Message> pulls;
    private final Runnable firstConnect;
    private final NacfCounters counters;
    private final RateLimitedLog warn = new RateLimitedLog(LOG);
    private final ScheduledExecutorService exec;

    // owned by the client's thread
    private final ArrayDeque<Push> pending = new ArrayDeque<>();
    private final LinkedHashMap<Integer, Push> inflight = new LinkedHashMap<>();
    private Link link;
    private Socket connecting;
    private int generation;
    private int nextId;
    private long nextSeq;
    private int heartbeatId = -1;
    private int missed;
    private long backoffMillis;
    private boolean connectedOnce;
    private boolean closed;

    // read by status from any thread
    private volatile State state = State.STARTING;
    private volatile long lastHeartbeatAnswer;
    private volatile long connectedSince;
    private volatile String lastError = "";
    private volatile int pendingView;
    private volatile int inflightView;
    private volatile int missedView;

    /**
     * @param pulls        turns a pull request into its answer (on the client's thread; must not block)
     * @param firstConnect run on the client's thread once, at the first connection
     */
    ClfClient(NacfSettings settings, Supplier<Optional<A2Codec>> codec, Function<A2Message, A2Message> pulls,
            Runnable firstConnect, NacfCounters counters) {
        this.settings = settings;
        this.codec = codec;
        this.pulls = pulls;
        this.firstConnect = firstConnect;
        this.counters = counters;
        this.backoffMillis = settings.reconnectMin().toMillis();
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leasehold-nacf");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        post(this::connect);
        long hb = settings.heartbeatInterval().toMillis();
        exec.scheduleAtFixedRate(this::heartbeat, hb, hb, TimeUnit.MILLISECONDS);
        long sweep = Math.max(50, Math.min(500, settings.answerTimeout().toMillis() / 4));
        exec.scheduleWithFixedDelay(this::sweepUnanswered, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Queues an attach or detach; the future completes with the CLF's answer (see {@link Push}). */
    CompletableFuture<A2Message> push(A2Kind kind, A2Binding binding, String reason) {
        CompletableFuture<A2Message> f = new CompletableFuture<>();
        if (!post(() -> enqueue(kind, binding, reason, f))) {
            counters.dropped.increment();
            f.completeExceptionally(new ClfUnavailableException("the NACF is stopping"));
        }
        return f;
    }

    boolean connected() {
        return state == State.CONNECTED;
    }

    State state() {
        return state;
    }

    long lastHeartbeatAnswerMillis() {
        return lastHeartbeatAnswer;
    }

    long connectedSinceMillis() {
        return connectedSince;
    }

    String lastError() {
        return lastError;
    }

    int queued() {
        return pendingView;
    }

    int inflight() {
        return inflightView;
    }

    int missedHeartbeats() {
        return missedView;
    }

    private void enqueue(A2Kind kind, A2Binding binding, String reason, CompletableFuture<A2Message> f) {
        Push p = new Push(nextSeq++, kind, binding, reason);
        p.answer.whenComplete((a, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete(a);
            }
        });
        if (closed) {
            drop(p, "the NACF is stopping");
        } else if (!settings.queueOnOutage() && state != State.CONNECTED) {
            drop(p, "the CLF is down and outage = drop");
        } else if (pending.size() >= settings.queueCapacity()) {
            drop(p, "the queue is full (" + settings.queueCapacity() + ")");
        } else {
            pending.add(p);
            flush();
        }
        views();
    }

    private void drop(Push p, String why) {
        counters.dropped.increment();
        warn.warn("drop", "CLF push dropped: {} ({} {})", why, p.kind, p.binding.address().getHostAddress());
        p.answer.completeExceptionally(new ClfUnavailableException(why));
    }

    private void connect() {
        if (closed || link != null || connecting != null) {
            return;
        }
        Optional<A2Codec> c = codec.get();
        if (c.isEmpty()) {
            lastError = "codec '" + settings.codec() + "' is not installed";
            state = State.DISCONNECTED;
            scheduleReconnect();
            return;
        }
        int gen = ++generation;
        state = State.CONNECTING;
        Socket socket = new Socket();
        connecting = socket;
        Thread reader = new Thread(() -> read(gen, socket, c.get()), "leasehold-nacf-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The reader thread: connects, then hands every chunk read to the client's thread. */
    private void read(int gen, Socket socket, A2Codec c) {
        try {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            post(() -> onConnected(gen, socket, c));
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                byte[] chunk = java.util.Arrays.copyOf(buf, n);
                post(() -> onBytes(gen, chunk));
            }
            post(() -> onClosed(gen, "closed by the CLF"));
        } catch (IOException | RuntimeException e) {
            post(() -> onClosed(gen, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void onConnected(int gen, Socket socket, A2Codec c) {
        if (gen != generation || closed) {
            closeQuietly(socket);
            return;
        }
        connecting = null;
        try {
            link = new Link(socket, c.open(settings.secret()), socket.getOutputStream());
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            onClosed(gen, e.toString());
            return;
        }
        state = State.CONNECTED;
        connectedSince = System.currentTimeMillis();
        backoffMillis = settings.reconnectMin().toMillis();
        missed = 0;
        missedView = 0;
        heartbeatId = -1;
        counters.connects.increment();
        LOG.info("Connected to the CLF at {}:{} ({} push(es) queued)", settings.host(), settings.port(), pending.size());
        sendHeartbeat();
        if (!connectedOnce) {
            connectedOnce = true;
            firstConnect.run();
        }
        flush();
    }

    private void onBytes(int gen, byte[] chunk) {
        Link l = link;
        if (gen != generation || l == null) {
            return;
        }
        if (l.in.remaining() < chunk.length) {
            reset("the CLF sent more than a message can hold", true);
            return;
        }
        l.in.put(chunk);
        l.in.flip();
        try {
            while (link == l) {
                Optional<A2Message> m = l.session.decode(l.in);
                if (m.isEmpty()) {
                    break;
                }
                LOG.debug("CLF -> {}", m.get());
                handle(m.get());
            }
        } catch (A2ProtocolException e) {
            counters.protocolResets.increment();
            reset("bad message from the CLF: " + e.getMessage(), true);
            return;
        } finally {
            l.in.compact();
        }
        flush();
    }

    private void handle(A2Message m) {
        switch (m.kind()) {
            case PULL -> write(pulls.apply(m));
            case ATTACH, DETACH, HEARTBEAT -> write(new A2Message(A2Kind.ERROR, m.identifier(), null,
                    A2Message.UNSUPPORTED, "the NACF does not serve " + m.kind()));
            default -> answer(m);
        }
    }

    private void answer(A2Message m) {
        int id = m.identifier();
        if (id == heartbeatId && (m.kind() == A2Kind.HEARTBEAT_ANSWER || m.kind() == A2Kind.ERROR)) {
            heartbeatId = -1;
            missed = 0;
            missedView = 0;
            lastHeartbeatAnswer = System.currentTimeMillis();
            counters.heartbeatsAnswered.increment();
            return;
        }
        Push p = inflight.get(id);
        if (p == null) {
            counters.lateAnswers.increment();
            LOG.debug("CLF answer {} matches no push awaiting one (late or a heartbeat's)", m);
            return;
        }
        if (m.kind() != p.kind.answer() && m.kind() != A2Kind.ERROR) {
            counters.protocolResets.increment();
            reset("the CLF answered " + p.kind + " " + id + " with " + m.kind(), true);
            return;
        }
        inflight.remove(id);
        if (m.succeeded()) {
            counters.answered.increment();
        } else {
            counters.refused.increment();
            warn.warn("refused", "The CLF refused {} of {}: result {} {}", p.kind, p.binding.address().getHostAddress(),
                    m.result(), m.reason());
        }
        p.answer.complete(m);
        views();
    }

    private void flush() {
        while (link != null && inflight.size() < settings.window() && !pending.isEmpty()) {
            Push p = pending.poll();
            int id = allocate();
            p.identifier = id;
            p.sentNanos = System.nanoTime();
            if (p.attempts++ > 0) {
                counters.replayed.increment();
            }
            (p.kind == A2Kind.ATTACH ? counters.attachesSent : counters.detachesSent).increment();
            inflight.put(id, p);
            write(p.message(id));
        }
        views();
    }

    private int allocate() {
        int max = link.session.maxIdentifier();
        for (int i = 0; i <= max; i++) {
            int id = nextId;
            nextId = nextId >= max ? 0 : nextId + 1;
            if (id != heartbeatId && !inflight.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free a2 identifier: window larger than the codec allows");
    }

    private void write(A2Message m) {
        Link l = link;
        if (l == null) {
            return;
        }
        try {
            l.out.write(l.session.encode(m));
            l.out.flush();
            LOG.debug("NACF -> {}", m);
        } catch (IOException | RuntimeException e) {
            reset("cannot write to the CLF: " + e.getMessage(), false);
        }
    }

    private void heartbeat() {
        if (link == null) {
            return;
        }
        if (heartbeatId >= 0) {
            missed++;
            missedView = missed;
            counters.heartbeatsMissed.increment();
            if (missed >= settings.heartbeatMisses()) {
                counters.clfDown.increment();
                ALARM.warn("CLF {}:{} is down: {} heartbeat(s) in a row unanswered; pushes {} until it is back",
                        settings.host(), settings.port(), missed, settings.queueOnOutage() ? "queue" : "are dropped");
                reset("CLF down: " + missed + " heartbeats unanswered", false);
                return;
            }
        }
        sendHeartbeat();
    }

    private void sendHeartbeat() {
        heartbeatId = allocate();
        counters.heartbeatsSent.increment();
        write(A2Message.request(A2Kind.HEARTBEAT, heartbeatId, null, ""));
    }

    private void sweepUnanswered() {
        long limit = System.nanoTime() - settings.answerTimeout().toNanos();
        for (Iterator<Push> it = inflight.values().iterator(); it.hasNext(); ) {
            Push p = it.next();
            if (p.sentNanos - limit <= 0) {
                it.remove();
                counters.unanswered.increment();
                warn.warn("unanswered", "The CLF did not answer {} of {} within {} ms", p.kind,
                        p.binding.address().getHostAddress(), settings.answerTimeout().toMillis());
                p.answer.completeExceptionally(new ClfUnavailableException("unanswered"));
            }
        }
        flush();
    }

    /** Drops the connection; unanswered pushes go back to the head of the queue in their order. */
    private void reset(String why, boolean peerFault) {
        Link l = link;
        link = null;
        generation++;
        if (l != null) {
            closeQuietly(l.socket);
        }
        lastError = why;
        state = State.DISCONNECTED;
        heartbeatId = -1;
        if (peerFault) {
            LOG.warn("Connection to the CLF {}:{} reset: {}", settings.host(), settings.port(), why);
        } else {
            warn.warn("lost", "Connection to the CLF {}:{} lost: {}", settings.host(), settings.port(), why);
        }
        List<Push> back = new ArrayList<>(inflight.values());
        inflight.clear();
        back.sort(Comparator.comparingLong((Push p) -> p.seq).reversed());
        back.forEach(pending::addFirst);
        if (!settings.queueOnOutage()) {
            while (!pending.isEmpty()) {
                drop(pending.poll(), "the CLF connection was lost and outage = drop");
            }
        }
        views();
        scheduleReconnect();
    }

    private void onClosed(int gen, String why) {
        if (gen != generation) {
            return;
        }
        if (link != null) {
            reset(why, false);
            return;
        }
        connecting = null;
        counters.connectFailures.increment();
        lastError = why;
        state = State.DISCONNECTED;
        warn.warn("connect", "Cannot connect to the CLF {}:{}: {} (next try in {} ms)", settings.host(), settings.port(),
                why, backoffMillis);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, settings.reconnectMax().toMillis());
        try {
            exec.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void views() {
        pendingView = pending.size();
        inflightView = inflight.size();
    }

    private boolean post(Runnable r) {
        try {
            exec.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("NACF client step failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code r} on the client's thread (for resync and tests). */
    boolean run(Runnable r) {
        return post(r);
    }

    @Override
    public void close() {
        post(() -> {
            closed = true;
            state = State.STOPPED;
            generation++;
            if (link != null) {
                closeQuietly(link.socket);
                link = null;
            }
            if (connecting != null) {
                closeQuietly(connecting);
            }
            int lost = pending.size() + inflight.size();
            pending.forEach(p -> drop(p, "the NACF stopped"));
            inflight.values().forEach(p -> drop(p, "the NACF stopped"));
            pending.clear();
            inflight.clear();
            views();
            if (lost > 0) {
                LOG.warn("NACF stopped with {} push(es) not delivered to the CLF (counted as dropped)", lost);
            }
        });
        exec.shutdown();
        try {
            if (!exec.awaitTermination(5, TimeUnit.SECONDS)) {
                exec.shutdownNow();
            }
        } catch (InterruptedException e) {
            exec.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    Map<String, Long> counters() {
        return counters.all();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** One open connection: its socket, codec session and receive buffer. */
    private static final class Link {
        final Socket socket;
        final A2Session session;
        final OutputStream out;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

        Link(Socket socket, A2Session session, OutputStream out) {
            this.socket = socket;
            this.session = session;
            this.out = out;
        }
    }
}
