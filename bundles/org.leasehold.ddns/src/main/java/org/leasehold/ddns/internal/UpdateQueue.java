package org.leasehold.ddns.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.lease.LeaseKey;

/**
 * The DNS work waiting to be done, bounded, run on threads of its own ({@code leasehold-ddns-N}), never
 * on a packet or lease-event thread. Jobs of one lease run one after another in the order they came
 * (a removal before the re-add that follows it); jobs of different leases run in parallel. A job the
 * servers did not answer waits for its zones' back-off ({@link ZoneHealth}) and is tried again, for as
 * long as it takes; a refused one is given up. A job that does not fit is not queued: it is counted,
 * and its lease keeps its {@code leasehold-ddns} state so {@code dhcp:ddns-resync} or the next start
 * takes it up. Thread-safe.
 */
final class UpdateQueue implements AutoCloseable {

    /** Runs one job (blocking) and says how long to wait before trying it again, or -1 when it is finished. */
    interface Worker {
        long run(UpdateJob job);

        /** Nanoseconds the job must wait before it may be sent (its zones back off), 0 for now. */
        long waitNanos(UpdateJob job);
    }

    private final Worker worker;
    private final int capacity;
    private final ScheduledThreadPoolExecutor threads;
    private final Map<LeaseKey, ArrayDeque<UpdateJob>> byLease = new HashMap<>();
    private int size;
    private final LongAdder overflowed = new LongAdder();
    private final AtomicInteger running = new AtomicInteger();

    UpdateQueue(Worker worker, int threadCount, int capacity) {
        this.worker = worker;
        this.capacity = capacity;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ScheduledThreadPoolExecutor(threadCount, r -> {
            Thread t = new Thread(r, "leasehold-ddns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.setRemoveOnCancelPolicy(true);
    }

    /** Queues {@code job}; false (and counted) when the queue is full or closed. */
    boolean submit(UpdateJob job) {
        synchronized (byLease) {
            if (size >= capacity || threads.isShutdown()) {
                overflowed.increment();
                return false;
            }
            ArrayDeque<UpdateJob> jobs = byLease.computeIfAbsent(job.key(), k -> new ArrayDeque<>());
            jobs.addLast(job);
            size++;
            if (jobs.size() == 1) {
                schedule(job.key(), 0);
            }
            return true;
        }
    }

    private void schedule(LeaseKey key, long delayNanos) {
        try {
            threads.schedule(() -> runHead(key), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: the job stays recorded in its lease for the next start
        }
    }

    private void runHead(LeaseKey key) {
        UpdateJob job;
        synchronized (byLease) {
            ArrayDeque<UpdateJob> jobs = byLease.get(key);
            if (jobs == null || jobs.isEmpty()) {
                return;
            }
            job = jobs.peekFirst();
        }
        long wait = worker.waitNanos(job);
        if (wait > 0) {
            schedule(key, wait);
            return;
        }
        running.incrementAndGet();
        long retry;
        try {
            retry = worker.run(job);
        } catch (RuntimeException e) {
            retry = -1;
        } finally {
            running.decrementAndGet();
        }
        if (retry >= 0) {
            schedule(key, retry);
            return;
        }
        synchronized (byLease) {
            ArrayDeque<UpdateJob> jobs = byLease.get(key);
            jobs.pollFirst();
            size--;
            if (jobs.isEmpty()) {
                byLease.remove(key);
            } else {
                schedule(key, 0);
            }
        }
    }

    /** Jobs waiting or running. */
    int size() {
        synchronized (byLease) {
            return size;
        }
    }

    /** A copy of every job waiting or running, for status views. */
    List<UpdateJob> snapshot() {
        synchronized (byLease) {
            List<UpdateJob> all = new ArrayList<>(size);
            byLease.values().forEach(all::addAll);
            return all;
        }
    }

    int running() {
        return running.get();
    }

    long overflowed() {
        return overflowed.sum();
    }

    int capacity() {
        return capacity;
    }

    /** Stops at once; jobs not done stay recorded in their leases for the next start. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
