package org.leasehold.auth.internal;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.leasehold.api.PacketSender;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.ReplyEncoding;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code dhcp:reconfig} run: a DHCPFORCERENEW (RFC 3203) to each target, signed with the client's
 * RFC 3118 key, in batches of {@code batchSize} clients (0 = all), first messages {@code intervalMillis}
 * apart; a client that has not sent an authenticated DHCPREQUEST {@code timeoutMillis} after a message
 * gets it again, at most {@value #RETRANSMISSIONS} times, then is given up. All work runs on the given
 * single-thread scheduler; the counters are read from any thread.
 */
public final class ReconfigRun {

    static final int RETRANSMISSIONS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ReconfigRun.class);

    /** One client to reconfigure. */
    record Target(Lease lease, ClientSecret key, Inet4Address serverId) {
    }

    private final List<Target> targets;
    private final AuthService auth;
    private final PacketSender sender;
    private final ScheduledExecutorService scheduler;
    private final int batchSize;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger renewed = new AtomicInteger();
    private final AtomicInteger noAnswer = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int next;

    ReconfigRun(List<Target> targets, AuthService auth, PacketSender sender, ScheduledExecutorService scheduler,
            int batchSize, long intervalMillis, long timeoutMillis) {
        this.targets = List.copyOf(targets);
        this.auth = auth;
        this.sender = sender;
        this.scheduler = scheduler;
        this.batchSize = batchSize <= 0 ? Math.max(1, targets.size()) : batchSize;
        this.intervalMillis = Math.max(0, intervalMillis);
        this.timeoutMillis = Math.max(1, timeoutMillis);
    }

    /** Starts the first batch; the stage completes when every target renewed or was given up. */
    CompletableFuture<Void> start() {
        scheduler.execute(this::nextBatch);
        return done;
    }

    private void nextBatch() {
        if (next >= targets.size()) {
            done.complete(null);
            return;
        }
        List<Target> batch = targets.subList(next, Math.min(targets.size(), next + batchSize));
        next += batch.size();
        AtomicInteger open = new AtomicInteger(batch.size());
        Runnable finished = () -> {
            if (open.decrementAndGet() == 0) {
                scheduler.execute(this::nextBatch);
            }
        };
        for (int i = 0; i < batch.size(); i++) {
            Client c = new Client(batch.get(i), finished);
            scheduler.schedule(c::begin, i * intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The state of one target; touched on the scheduler thread only, but for {@code renewed}. */
    private final class Client {
        private final Target t;
        private final Runnable finished;
        /** The client's last transaction id: dhcpcd ignores a FORCERENEW with another (RFC 3203 names none). */
        private final int xid;
        private final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        private int attempts;

        Client(Target t, Runnable finished) {
            this.t = t;
            this.xid = auth.journal().lastXid(t.key().identity()).orElseGet(() -> ThreadLocalRandom.current().nextInt());
            this.finished = finished;
        }

        void begin() {
            auth.watchRenewal(t.key().identity(), () -> scheduler.execute(this::renewedNow));
            sent.incrementAndGet();
            transmit();
        }

        private void transmit() {
            if (over.get()) {
                return;
            }
            if (attempts > RETRANSMISSIONS) {
                end(noAnswer, "reconfig.no-answer");
                LOG.info("FORCERENEW to {} ({}): no renewal after {} retransmissions, given up",
                        t.lease().key().address().getHostAddress(), t.key().identity(), RETRANSMISSIONS);
                return;
            }
            attempts++;
            auth.counters().count(attempts == 1 ? "reconfig.sent" : "reconfig.retransmitted");
            messages.incrementAndGet();
            DhcpMessage m = DelayedAuth.sign(message(), t.key(), auth.nextServerReplay(),
                    x -> DhcpCodec.encodeReply(x, ReplyEncoding.defaults()));
            InetSocketAddress to = new InetSocketAddress(t.lease().key().address(), sender.clientPort());
            sender.send(m, to).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("FORCERENEW to {} not sent: {}", to, e.toString());
                }
            });
            scheduler.schedule(this::transmit, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        private DhcpMessage message() {
            return DhcpMessage.builder().op(DhcpMessage.BOOTREPLY).xid(xid).hardwareAddress(t.lease().hardware())
                    .messageType(MessageType.FORCERENEW)
                    .option(DhcpOption.ofAddress(54, t.serverId())).build();
        }

        private void renewedNow() {
            if (!over.get()) {
                end(renewed, "reconfig.renewed");
            }
        }

        private void end(AtomicInteger outcome, String counter) {
            if (over.compareAndSet(false, true)) {
                auth.unwatchRenewal(t.key().identity());
                outcome.incrementAndGet();
                auth.counters().count(counter);
                finished.run();
            }
        }
    }

    /** "targets N, sent N (messages M), renewed N, no answer N". */
    public String progress() {
        return "targets " + targets.size() + ", sent " + sent.get() + " (messages " + messages.get() + "), renewed "
                + renewed.get() + ", no answer " + noAnswer.get();
    }

    public boolean finished() {
        return done.isDone();
    }

    public CompletableFuture<Void> done() {
        return done;
    }
}
