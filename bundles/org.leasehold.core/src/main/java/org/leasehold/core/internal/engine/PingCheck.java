package org.leasehold.core.internal.engine;

import java.io.IOException;
import java.net.Inet4Address;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ISC's {@code ping-check}: an ICMP echo to an address before it is offered. {@link #icmp()} pings from
 * its own threads ({@link java.net.InetAddress#isReachable}, which sends ICMP echo when the process may
 * open a raw or ICMP datagram socket, as the server's root does), never on an event loop; at most
 * {@value #MAX_OUTSTANDING} pings wait at once, past that an address is offered unpinged (counted).
 * Thread-safe.
 */
public interface PingCheck extends AutoCloseable {

    int MAX_OUTSTANDING = 1024;

    /** No ping at all (tests, rehearsals): every address is free, at once. */
    PingCheck NONE = (address, timeoutMillis) -> CompletableFuture.completedFuture(Result.SILENT);

    /** What a ping found. */
    enum Result { SILENT, ANSWERED, NOT_SENT }

    /** Completes once an answer was heard or {@code timeoutMillis} passed; never blocks the caller. */
    CompletionStage<Result> ping(Inet4Address address, int timeoutMillis);

    @Override
    default void close() {
    }

    /** Real ICMP echo from a small pool of daemon threads. */
    static PingCheck icmp() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "leasehold-ping-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger outstanding = new AtomicInteger();
        return new PingCheck() {
            @Override
            public CompletionStage<Result> ping(Inet4Address address, int timeoutMillis) {
                if (outstanding.incrementAndGet() > MAX_OUTSTANDING) {
                    outstanding.decrementAndGet();
                    return CompletableFuture.completedFuture(Result.NOT_SENT);
                }
                CompletableFuture<Result> f = new CompletableFuture<>();
                try {
                    pool.execute(() -> {
                        try {
                            f.complete(address.isReachable(timeoutMillis) ? Result.ANSWERED : Result.SILENT);
                        } catch (IOException | RuntimeException e) {
                            f.complete(Result.NOT_SENT);
                        } finally {
                            outstanding.decrementAndGet();
                        }
                    });
                } catch (RuntimeException e) {
                    outstanding.decrementAndGet();
                    f.complete(Result.NOT_SENT);
                }
                return f;
            }

            @Override
            public void close() {
                pool.shutdownNow();
            }
        };
    }
}
