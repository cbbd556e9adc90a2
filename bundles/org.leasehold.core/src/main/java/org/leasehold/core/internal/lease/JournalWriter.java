package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's single writer thread: group commit and the switch to a compacted file.
 *
 * <p>Group commit: {@link #append} queues a record (running the caller's table change under the same
 * lock, so the table and the journal see changes of a key in one order). The writer takes everything
 * queued since its last fsync, writes it with as few writes as its buffer allows, calls
 * {@code force(false)} once and then completes every record's future. Under load a batch holds all the
 * commits that arrived during the previous fsync, so the fsync rate stays near the disk's fsync rate
 * whatever the commit rate.
 *
 * <p>Compaction without losing concurrent commits: at a batch boundary the writer starts capturing
 * every record it appends to the old file (the "tail"), then a compactor thread writes a snapshot of
 * the live table. Any record not in the tail was applied to the table before the snapshot started, so
 * the snapshot holds it or a later value. The writer then appends the tail to the snapshot, fsyncs it,
 * renames it over the journal, fsyncs the directory and continues on the new file. Commits keep being
 * acknowledged from the old file during the snapshot; at every instant one of the two complete files
 * is the journal's name.
 */
final class JournalWriter {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    /** A group fsync slower than this held every ACK in it back as long: worth a line in the log. */
    static final long SLOW_SYNC_MILLIS = 100;
    private static final long SLOW_SYNC_NANOS = SLOW_SYNC_MILLIS * 1_000_000L;
    private static final long SLOW_SYNC_LOG_INTERVAL_NANOS = 10_000_000_000L;

    /** Test seam: sees the writer and the compactor at the points where races matter. */
    interface Observer {
        Observer NONE = new Observer() { };

        /** On the writer thread, before each group fsync. */
        default void beforeSync(int records) {
        }

        /** On the compactor thread, after the snapshot is fsync'd and before the writer installs it. */
        default void snapshotWritten() {
        }

        /** The writer's clock for timing group fsyncs; a test moves it to stand for a stalled disk. */
        default long nanoTime() {
            return System.nanoTime();
        }
    }

    private record Pending(byte[] bytes, CompletableFuture<Void> done) {
    }

    private final Path journal;
    private final Path tempFile;
    private final JournalOptions options;
    private final LeaseTable table;
    private final Observer observer;
    private final JournalCompaction compaction;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;

    // guarded by lock
    private ArrayList<Pending> queue = new ArrayList<>();
    /** The last record of the batch the writer thread took last: done once that batch is fsync'd. */
    private CompletableFuture<Void> lastTaken = CompletableFuture.completedFuture(null);
    private volatile boolean closing;
    private volatile Throwable failure;
    /** Bulk imports staging records now: no compaction may start (it would drop what they staged). */
    private int importing;

    // writer thread only (read by stats() without a lock: counters are volatile)
    private FileChannel channel;
    private ByteBuffer buffer;
    private List<byte[]> tail;
    private volatile long fileBytes;
    private volatile long records;
    private volatile long fsyncs;
    private final LatencyHistogram fsyncLatency = new LatencyHistogram();
    private volatile long appendedBytes;
    private volatile long sampleBytes;
    private volatile long sampleRecords;
    private long lastTakeNanos;
    private double arrivalsPerNano;
    private int skipWaits;
    private volatile long slowSyncsTotal;
    private long slowSyncs;
    private long slowestSyncNanos;
    private long lastSlowLogNanos;

    JournalWriter(Path journal, FileChannel channel, long replayedRecords, JournalOptions options, LeaseTable table,
                  Observer observer) throws IOException {
        this.journal = journal;
        this.tempFile = JournalFiles.compactTemp(journal);
        this.options = options;
        this.table = table;
        this.observer = observer;
        this.channel = channel;
        this.fileBytes = channel.size();
        channel.position(fileBytes);
        this.sampleBytes = fileBytes;
        this.sampleRecords = replayedRecords;
        this.buffer = ByteBuffer.allocateDirect(options.batchBufferBytes());
        this.compaction = new JournalCompaction(this, lock, wake);
        this.thread = new Thread(this::run, "leasehold-lease-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code change} and queues {@code record} atomically with respect to other appends. The future
     * completes once the record is fsync'd, or fails if the store is closed or its journal failed.
     */
    CompletableFuture<Void> append(byte[] record, Runnable change) {
        return appendComputed(() -> {
            change.run();
            return record;
        });
    }

    /**
     * Runs {@code change} under the append lock and queues the record it returns, atomically with
     * respect to other appends; a null record queues nothing and completes at once. The future completes
     * once the record is fsync'd, or fails if the store is closed, its journal failed, or
     * {@code change} threw.
     */
    /**
     * Completes when every record appended so far is fsync'd (or fails as they do). Batches are written
     * and completed in order, so the newest record's future stands for all before it.
     */
    CompletableFuture<Void> synced() {
        lock.lock();
        try {
            return queue.isEmpty() ? lastTaken : queue.get(queue.size() - 1).done();
        } finally {
            lock.unlock();
        }
    }

    CompletableFuture<Void> appendComputed(Supplier<byte[]> change) {
        lock.lock();
        try {
            if (closing) {
                return CompletableFuture.failedFuture(new IllegalStateException("lease store is closed"));
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(new IOException("lease journal failed earlier", failure));
            }
            byte[] record;
            try {
                record = change.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (record == null) {
                return CompletableFuture.completedFuture(null);
            }
            Pending p = new Pending(record, new CompletableFuture<>());
            queue.add(p);
            if (queue.size() == 1 || queue.size() == options.groupTarget()) {
                wake.signal();
            }
            return p.done();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Begins staging a bulk import: waits for a running compaction to end, then keeps compactions from
     * starting until {@link #endImport}. Returns the compaction count to hand to {@link #importIntact}.
     */
    long beginImport() throws InterruptedException {
        while (true) {
            CompletableFuture<Void> running;
            lock.lock();
            try {
                if (closing || failure != null) {
                    throw new IllegalStateException("lease store is closed or failed");
                }
                if (compaction.idle()) {
                    importing++;
                    return compaction.completed();
                }
                running = compaction.request();
            } finally {
                lock.unlock();
            }
            try {
                running.get();
            } catch (ExecutionException e) {
                // failed compactions change nothing; look again
            }
        }
    }

    /** Ends what {@link #beginImport} began; a compaction held back meanwhile may start after the next batch. */
    void endImport() {
        lock.lock();
        try {
            importing--;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether every record staged since {@link #beginImport} returned {@code compactions} is still in
     * the journal: no compaction ran or runs since (an explicit {@link #compact()} is not held back).
     * Call under the append lock, i.e. inside {@link #appendComputed}.
     */
    boolean importIntact(long compactions) {
        return compaction.idle() && compaction.completed() == compactions;
    }

    /** Starts a compaction unless one is running; completes when the journal has been replaced. */
    CompletableFuture<Void> compact() {
        return compaction.request().copy();
    }

    Observer observer() {
        return observer;
    }

    boolean closing() {
        return closing;
    }

    /** Stops accepting appends, writes and fsyncs what is queued, and ends the writer thread. */
    void close() throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
        thread.join();
        compaction.shutdown();
        try {
            channel.close();
            Files.deleteIfExists(tempFile);
        } catch (IOException e) {
            LOG.warn("Closing lease journal {}: {}", journal, e.toString());
        }
    }

    long fileBytes() {
        return fileBytes;
    }

    long records() {
        return records;
    }

    long fsyncs() {
        return fsyncs;
    }

    /** Group fsyncs that took {@link #SLOW_SYNC_MILLIS} or more by the observer's clock. */
    long slowFsyncs() {
        return slowSyncsTotal;
    }

    /** Durations of group fsyncs (compaction's own not counted). */
    LatencyHistogram fsyncLatency() {
        return fsyncLatency;
    }

    long appendedBytes() {
        return appendedBytes;
    }

    long compactions() {
        return compaction.completed();
    }

    long compactionTailRecords() {
        return compaction.tailRecords();
    }

    private void run() {
        try {
            maybeCompact();
            while (true) {
                List<Pending> batch;
                lock.lock();
                try {
                    while (queue.isEmpty() && !compaction.hasWork() && !(closing && compaction.idle())) {
                        wake.await();
                    }
                    if (queue.isEmpty() && !compaction.hasWork() && closing && compaction.idle()) {
                        return;
                    }
                    gather();
                    batch = queue;
                    queue = new ArrayList<>();
                    if (!batch.isEmpty()) {
                        lastTaken = batch.get(batch.size() - 1).done();
                    }
                } finally {
                    lock.unlock();
                }
                if (!batch.isEmpty()) {
                    writeBatch(batch);
                }
                compaction.step(table.values(), options.batchBufferBytes());
                maybeCompact();
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            fail(e);
            LOG.error("Lease journal writer stopped", e);
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (failure != null) {
            batch.forEach(p -> p.done().completeExceptionally(new IOException("lease journal failed", failure)));
            return;
        }
        try {
            long bytes = 0;
            for (Pending p : batch) {
                SnapshotWriter.put(channel, buffer, p.bytes());
                bytes += p.bytes().length;
                if (tail != null) {
                    tail.add(p.bytes());
                }
            }
            SnapshotWriter.drain(channel, buffer);
            long syncStart = observer.nanoTime();
            observer.beforeSync(batch.size());
            channel.force(false);
            long syncNanos = observer.nanoTime() - syncStart;
            fsyncLatency.record(syncNanos);
            noteSyncTime(syncNanos, batch.size());
            fileBytes += bytes;
            appendedBytes += bytes;
            sampleBytes += bytes;
            sampleRecords += batch.size();
            records += batch.size();
            fsyncs++;
        } catch (IOException | RuntimeException e) {
            fail(e);
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        batch.forEach(p -> p.done().complete(null));
    }

    /**
     * Logs slow group fsyncs, at most one line per ten seconds with how many there were and the slowest:
     * each one delayed every ACK of its batch by that long, and a disk that does this often caps the
     * server's rate and latency whatever the CPU.
     */
    private void noteSyncTime(long nanos, int batchRecords) {
        if (nanos < SLOW_SYNC_NANOS) {
            return;
        }
        slowSyncsTotal++;
        slowSyncs++;
        slowestSyncNanos = Math.max(slowestSyncNanos, nanos);
        long now = observer.nanoTime();
        if (lastSlowLogNanos == 0 || now - lastSlowLogNanos >= SLOW_SYNC_LOG_INTERVAL_NANOS) {
            LOG.warn("Lease journal fsync slow: {} over {} ms since the last report, slowest {} ms (last batch {} "
                    + "records{}); every ACK in such a batch waited that long", slowSyncs, SLOW_SYNC_MILLIS,
                    slowestSyncNanos / 1_000_000, batchRecords, tail == null ? "" : ", a compaction writing its snapshot");
            slowSyncs = 0;
            slowestSyncNanos = 0;
            lastSlowLogNanos = now;
        }
    }

    /**
     * Group commit with a short wait: when commits have lately been arriving fast enough that at least
     * two more are expected within the commit delay, wait for them (up to the delay, or until the group
     * target is queued) so that one fsync serves them all. At a trickle nothing waits, nor after a wait
     * that gathered nothing (one caller committing and waiting in turn). Writer thread,
     * lock held (released while waiting).
     */
    private void gather() throws InterruptedException {
        long now = System.nanoTime();
        int queued = queue.size();
        if (lastTakeNanos != 0 && queued > 0) {
            double observed = (double) queued / Math.max(1, now - lastTakeNanos);
            arrivalsPerNano = 0.7 * arrivalsPerNano + 0.3 * observed;
        }
        long delay = options.commitDelayMicros() * 1000L;
        if (skipWaits > 0) {
            skipWaits--;
        } else if (delay > 0 && queued > 0 && queued < options.groupTarget() && arrivalsPerNano * delay >= 2) {
            long deadline = now + delay;
            while (queue.size() < options.groupTarget() && !closing && !compaction.hasWork()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wake.awaitNanos(left);
            }
            if (queue.size() == queued) {
                // nothing came: commits are not concurrent (a caller waiting for each); stop waiting a while
                skipWaits = 16;
            }
            now = System.nanoTime();
        }
        lastTakeNanos = now;
    }

    /** Starts capturing appended records: called on the writer thread when a compaction begins. */
    void startTail() {
        tail = new ArrayList<>();
    }

    /** Stops capturing and returns what was captured (empty if capture was not on). */
    List<byte[]> takeTail() {
        List<byte[]> t = tail == null ? List.of() : tail;
        tail = null;
        return t;
    }

    Path tempFile() {
        return tempFile;
    }

    /**
     * Appends the tail to the snapshot, fsyncs it and puts it in place of the journal. On the writer
     * thread, between batches.
     */
    void install(SnapshotWriter.Snapshot snap, List<byte[]> captured) throws IOException {
        long bytes = snap.bytes();
        try {
            for (byte[] r : captured) {
                SnapshotWriter.put(snap.channel(), buffer, r);
                bytes += r.length;
            }
            SnapshotWriter.drain(snap.channel(), buffer);
            snap.channel().force(false);
            Files.move(tempFile, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // The old journal is untouched and still ours: drop the snapshot, keep appending there.
            buffer.clear();
            snap.channel().close();
            Files.deleteIfExists(tempFile);
            throw e;
        }
        FileChannel old = channel;
        channel = snap.channel();
        fileBytes = bytes;
        sampleBytes = bytes;
        sampleRecords = snap.leases() + captured.size();
        old.close();
        try {
            JournalFiles.syncDirectory(journal.getParent());
        } catch (IOException e) {
            fail(e);
            throw e;
        }
        LOG.info("Compacted lease journal {}: {} leases, {} bytes ({} records appended during compaction)",
                journal, snap.leases(), bytes, captured.size());
    }

    private void maybeCompact() {
        if (closing || failure != null || fileBytes <= options.compactMinBytes()) {
            return;
        }
        lock.lock();
        try {
            if (importing > 0) {
                return; // the first batch after the import looks again
            }
        } finally {
            lock.unlock();
        }
        if (exceeds(options.compactRatio())) {
            compaction.request();
        }
    }

    /** Whether the journal is larger than {@code ratio} times what its live leases would take. */
    boolean exceeds(double ratio) {
        double average = sampleRecords == 0 ? 0 : (double) sampleBytes / sampleRecords;
        double live = LeaseRecordCodec.FILE_HEADER_BYTES + average * table.size();
        return fileBytes > ratio * live;
    }

    void fail(Throwable e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
                LOG.error("Lease journal {} failed; commits will fail until the store is reopened", journal, e);
            }
            List<Pending> left = queue;
            queue = new ArrayList<>();
            left.forEach(p -> p.done().completeExceptionally(e));
        } finally {
            lock.unlock();
        }
    }

    boolean failed() {
        return failure != null;
    }
}
