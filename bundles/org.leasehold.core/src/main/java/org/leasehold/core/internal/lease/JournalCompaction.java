package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.leasehold.api.lease.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compaction state shared by the writer thread and the compactor thread: requested, snapshot being
 * written, snapshot done (to be installed by the writer). See {@link JournalWriter} for the design.
 *
 * <p>Threading: fields are guarded by the writer's lock; {@link #step} runs on the writer thread only.
 */
final class JournalCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(JournalCompaction.class);

    private final JournalWriter writer;
    private final ReentrantLock lock;
    private final Condition wake;
    private final ExecutorService executor;

    // guarded by lock
    private CompletableFuture<Void> current;
    private boolean begin;
    private Object done;

    private volatile long completed;
    private volatile long tailRecords;

    JournalCompaction(JournalWriter writer, ReentrantLock lock, Condition wake) {
        this.writer = writer;
        this.lock = lock;
        this.wake = wake;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "leasehold-lease-compactor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a compaction, or joins the one in progress. */
    CompletableFuture<Void> request() {
        lock.lock();
        try {
            if (writer.closing()) {
                return CompletableFuture.failedFuture(new IllegalStateException("lease store is closed"));
            }
            if (current == null) {
                current = new CompletableFuture<>();
                begin = true;
                wake.signal();
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the writer has something to do for compaction. Caller holds the lock. */
    boolean hasWork() {
        return begin || done != null;
    }

    /** Whether no compaction is requested or running. Caller holds the lock. */
    boolean idle() {
        return current == null;
    }

    long completed() {
        return completed;
    }

    long tailRecords() {
        return tailRecords;
    }

    /** Writer thread: installs a finished snapshot and starts a requested one. */
    void step(Iterable<Lease> leases, int bufferBytes) {
        boolean start;
        Object result;
        lock.lock();
        try {
            start = begin;
            begin = false;
            result = done;
            done = null;
        } finally {
            lock.unlock();
        }
        if (result != null) {
            finish(result);
        }
        if (start) {
            start(leases, bufferBytes);
        }
    }

    private void start(Iterable<Lease> leases, int bufferBytes) {
        if (writer.closing() || writer.failed()) {
            end(new IllegalStateException("lease store is closed or failed"));
            return;
        }
        // The cut: from here every appended record is also kept for the new file.
        writer.startTail();
        executor.execute(() -> {
            Object r;
            try {
                r = SnapshotWriter.write(writer.tempFile(), leases, bufferBytes, writer::closing);
                writer.observer().snapshotWritten();
            } catch (IOException | RuntimeException | Error e) {
                r = e;
            }
            lock.lock();
            try {
                done = r;
                wake.signal();
            } finally {
                lock.unlock();
            }
        });
    }

    private void finish(Object result) {
        List<byte[]> captured = writer.takeTail();
        Throwable error = null;
        if (result instanceof SnapshotWriter.Snapshot snap) {
            try {
                if (writer.failed()) {
                    snap.channel().close();
                    throw new IOException("lease journal failed during compaction");
                }
                writer.install(snap, captured);
                tailRecords += captured.size();
                completed++;
            } catch (IOException | RuntimeException e) {
                error = e;
            }
        } else {
            error = (Throwable) result;
        }
        if (error != null && !writer.closing()) {
            LOG.warn("Lease journal compaction failed; still appending to the old file: {}", error.toString());
        }
        end(error);
    }

    private void end(Throwable error) {
        CompletableFuture<Void> f;
        lock.lock();
        try {
            f = current;
            current = null;
        } finally {
            lock.unlock();
        }
        if (error == null) {
            f.complete(null);
        } else {
            f.completeExceptionally(error);
        }
    }

    void shutdown() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
            LOG.warn("Lease journal compactor did not stop");
        }
    }
}
