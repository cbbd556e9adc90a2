package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LeaseStore} kept in memory and made durable by an append-only journal with group commit,
 * in one directory ({@code leases.journal}, {@code leases.lock}).
 *
 * <p>Lifecycle: the constructor locks the directory (one store per directory, across processes),
 * replays the journal (cutting a torn tail) and starts the writer thread; {@link #close()} writes and
 * fsyncs what is queued, then releases everything. The engine opens it on activation with
 * {@code new JournalLeaseStore(Path.of("data/leasehold"))} and closes it on deactivation.
 *
 * <p>Threading: see {@link LeaseStore}. Reads never block; commits block only on a short in-memory
 * lock; commit stages complete on the journal writer thread.
 *
 * <p>Failure: if a write or fsync fails, the store fails every queued and later commit and stays
 * failed (after a failed fsync the kernel may have dropped the dirty pages, so retrying could report
 * durability that is not there). The in-memory table may then hold changes that never became durable;
 * reopening the store re-reads the truth from the journal.
 */
public final class JournalLeaseStore implements LeaseStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalLeaseStore.class);

    /** Compact at close when the journal exceeds this many times its live size... */
    private static final double CLOSE_COMPACT_RATIO = 1.5;
    /** ...and is larger than this (a small journal replays in no time anyway). */
    private static final long CLOSE_COMPACT_MIN_BYTES = 8L << 20;

    /** Journal bytes per lease of a compacted journal, about (72 in practice): sizes the table at open. */
    private static final int BYTES_PER_LEASE_GUESS = 80;

    private final Path directory;
    private final LeaseTable table;
    private final FileChannel lockChannel;
    private final JournalWriter writer;
    private final JournalReader.Result replay;
    private final long replayMillis;
    private final long indexMillis;
    private volatile ChangeObserver observer = ChangeObserver.NONE;

    /** Opens (or creates) the store in {@code directory} with default options. */
    public JournalLeaseStore(Path directory) throws IOException {
        this(directory, JournalOptions.DEFAULTS);
    }

    public JournalLeaseStore(Path directory, JournalOptions options) throws IOException {
        this(directory, options, JournalWriter.Observer.NONE);
    }

    JournalLeaseStore(Path directory, JournalOptions options, JournalWriter.Observer observer)
            throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        this.lockChannel = lockDirectory(directory);
        try {
            Path journal = JournalFiles.journal(directory);
            Files.deleteIfExists(JournalFiles.compactTemp(journal));
            if (!Files.exists(journal)) {
                JournalFiles.createEmpty(journal);
            }
            long t0 = System.nanoTime();
            this.table = new LeaseTable((int) Math.min(1 << 24, Files.size(journal) / BYTES_PER_LEASE_GUESS));
            this.replay = JournalReader.replay(journal, table.replayTarget());
            if (replay.goodBytes() == 0) {
                Files.delete(journal);
                JournalFiles.createEmpty(journal);
            }
            long t1 = System.nanoTime();
            table.buildIndexes();
            this.indexMillis = (System.nanoTime() - t1) / 1_000_000;
            this.replayMillis = (System.nanoTime() - t0) / 1_000_000;
            FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE);
            this.writer = new JournalWriter(journal, channel, replay.records(), options, table, observer);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        LOG.info("Lease store {}: {} leases from {} journal records in {} ms ({} ms of it indexing)", directory,
                table.size(), replay.records(), replayMillis, indexMillis);
    }

    private static FileChannel lockDirectory(Path directory) throws IOException {
        FileChannel ch = FileChannel.open(JournalFiles.lock(directory), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("lease store directory " + directory + " is in use by another store");
        }
        return ch;
    }

    @Override
    public Optional<Lease> get(LeaseKey key) {
        return table.get(key);
    }

    @Override
    public Optional<Lease> findByClient(String space, ClientKey client) {
        return table.findByClient(space, client);
    }

    @Override
    public List<Lease> leasesOfClient(String space, ClientKey client) {
        return table.ofClient(space, client);
    }

    @Override
    public Collection<Lease> all() {
        return new ArrayList<>(table.values());
    }

    /** The table's own weakly consistent view: no copy, however many leases. */
    @Override
    public Stream<Lease> stream() {
        return table.values().stream();
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public CompletionStage<Void> synced() {
        return writer.synced();
    }

    @Override
    public long count(LeaseState state) {
        return table.count(state);
    }

    /** Commits by the core's engine: origin {@link LeaseChange#ENGINE}. */
    @Override
    public CompletionStage<Lease> commit(Lease lease) {
        return commit(lease, LeaseChange.ENGINE);
    }

    @Override
    public CompletionStage<Lease> commit(Lease lease, String origin) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(origin, "origin");
        byte[] record;
        try {
            record = LeaseRecordCodec.encodePut(lease);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        ChangeObserver o = observer;
        if (o == ChangeObserver.NONE) {
            return writer.append(record, () -> table.put(lease)).thenApply(v -> lease);
        }
        Lease[] before = new Lease[1];
        return writer.append(record, () -> before[0] = table.put(lease)).thenApply(v -> {
            o.changed(before[0], lease, origin);
            return lease;
        });
    }

    @Override
    public CompletionStage<Optional<Lease>> update(LeaseKey key, Function<Optional<Lease>, Optional<Lease>> change,
            String origin) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(origin, "origin");
        Lease[] done = new Lease[2]; // before, after
        return writer.appendComputed(() -> {
            Optional<Lease> current = table.get(key);
            Optional<Lease> next = change.apply(current);
            if (next == null || next.isEmpty()) {
                return null;
            }
            Lease lease = next.get();
            if (!lease.key().equals(key)) {
                throw new IllegalArgumentException("update of " + key + " returned a lease of " + lease.key());
            }
            byte[] record = LeaseRecordCodec.encodePut(lease);
            done[0] = table.put(lease);
            done[1] = lease;
            return record;
        }).thenApply(v -> {
            if (done[1] != null) {
                observer.changed(done[0], done[1], origin);
            }
            return Optional.ofNullable(done[1]);
        });
    }

    @Override
    public CompletionStage<Boolean> delete(LeaseKey key) {
        Objects.requireNonNull(key, "key");
        Lease[] existed = new Lease[1];
        return writer.append(LeaseRecordCodec.encodeDelete(key), () -> existed[0] = table.remove(key))
                .thenApply(v -> {
                    if (existed[0] != null) {
                        observer.changed(existed[0], null, "api");
                    }
                    return existed[0] != null;
                });
    }

    /** Leases staged per wait for durability: the unit of an import's progress and of its memory use. */
    static final int IMPORT_CHUNK = 5_000;

    /**
     * Stores {@code leases} as one atomic change (replacing leases of the same keys), durably, and
     * returns once it is: each is journaled as a staged record first (nothing changes), then one apply
     * record puts them all in force at once, in memory under the commit lock and on disk as one frame.
     * A crash or kill before the apply record is on disk leaves the store as it was; after, with every
     * lease. Blocks the calling thread (never call it from a packet thread); commits go on meanwhile,
     * and those to the same keys before the apply are overwritten by it. Compaction waits until the
     * import ends. Listeners see each lease as an {@link LeaseChange.Cause#UPDATED} change with
     * {@code origin}.
     *
     * @param progress told the number of leases staged so far, after each durable chunk, then the total
     * @throws IOException when the journal fails or the store closes before the apply is durable: then
     *                     nothing of the import is in force
     */
    public int importLeases(List<Lease> leases, String origin, java.util.function.IntConsumer progress)
            throws IOException, InterruptedException {
        Objects.requireNonNull(origin, "origin");
        List<Lease> all = List.copyOf(leases);
        long id = new java.security.SecureRandom().nextLong();
        long compactions = writer.beginImport();
        try {
            CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
            for (int i = 0; i < all.size(); i++) {
                last = writer.append(LeaseRecordCodec.encodeStaged(id, all.get(i)), () -> { });
                if ((i + 1) % IMPORT_CHUNK == 0) {
                    await(last);
                    progress.accept(i + 1);
                }
            }
            await(last);
            Lease[] before = new Lease[all.size()];
            await(writer.appendComputed(() -> {
                if (!writer.importIntact(compactions)) {
                    throw new IllegalStateException("the journal was compacted during the import; nothing imported");
                }
                for (int i = 0; i < all.size(); i++) {
                    before[i] = table.put(all.get(i));
                }
                return LeaseRecordCodec.encodeApply(id, all.size());
            }));
            ChangeObserver o = observer;
            for (int i = 0; i < all.size(); i++) {
                o.changed(before[i], all.get(i), origin);
            }
            progress.accept(all.size());
            LOG.info("Imported {} leases into {} (origin {})", all.size(), directory, origin);
            return all.size();
        } finally {
            writer.endImport();
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException, InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException("lease import failed: " + c.getMessage(), c);
        }
    }

    /**
     * Who is told of each change once it is durable, in journal order, on the journal's writer thread
     * (so it must only hand the change on). {@code before} is null for a new key, {@code after} for a
     * delete.
     */
    public interface ChangeObserver {
        ChangeObserver NONE = (before, after, origin) -> { };

        void changed(Lease before, Lease after, String origin);
    }

    /** Sets the observer of durable changes (one; {@link ChangeObserver#NONE} for none). */
    public void observe(ChangeObserver o) {
        observer = Objects.requireNonNull(o, "observer");
    }

    @Override
    public List<Lease> expiring(long nowEpochSecond) {
        return table.ended(LeaseState.ACTIVE, nowEpochSecond);
    }

    @Override
    public Optional<Lease> firstInState(LeaseState state, Predicate<? super Lease> filter) {
        return table.firstInState(state, filter);
    }

    /**
     * Rewrites the journal as one record per live lease, concurrently with commits; completes once the
     * new file is in place. Runs by itself when the journal grows past the configured ratio.
     */
    public CompletionStage<Void> compact() {
        return writer.compact();
    }

    /** Counters since open. */
    /** Durations of the journal's group fsyncs since it was opened. */
    public LatencyHistogram.Snapshot fsyncLatency() {
        return writer.fsyncLatency().snapshot();
    }

    public JournalStats stats() {
        return new JournalStats(table.size(), writer.records(), writer.fsyncs(), writer.appendedBytes(),
                writer.fileBytes(), writer.compactions(), writer.compactionTailRecords(), replay.records(), replayMillis,
                replay.discardedBytes(), writer.slowFsyncs());
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes and fsyncs queued commits, stops the writer and releases the directory. Idempotent.
     * A journal that has grown well past its live leases (and is big enough for it to matter) is
     * compacted first: the next start replays one record per lease instead of every change since the
     * last compaction, which is most of a restart's time with a million leases.
     */
    @Override
    public void close() throws IOException {
        if (!writer.closing() && !writer.failed() && writer.fileBytes() > CLOSE_COMPACT_MIN_BYTES
                && writer.exceeds(CLOSE_COMPACT_RATIO)) {
            long t0 = System.nanoTime();
            try {
                writer.compact().get();
                LOG.info("Lease journal compacted at close in {} ms for a faster next start",
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warn("Compaction at close failed, the journal stays as it is: {}", String.valueOf(e.getCause()));
            }
        }
        try {
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the lease store", e);
        } finally {
            lockChannel.close();
        }
        LOG.info("Lease store {} closed with {} leases", directory, table.size());
    }
}
