package org.leasehold.auth.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last replay-detection counter accepted from each client (RFC 3118 §2: a message whose counter
 * is not greater than the last one is a replay), kept across restarts in a journal of its own: one
 * line {@code identity counter-hex} per accepted message, appended and fsynced by one writer thread
 * that commits whatever has queued up with one fsync. Opening compacts the journal (temporary file,
 * fsync, atomic rename). A torn last line (a crash mid-write) is skipped with a warning.
 *
 * <p>{@link #accept} is thread-safe and never blocks: the check-and-advance is atomic in memory, the
 * returned stage completes once the new counter is on disk.
 */
final class ReplayJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayJournal.class);

    private final Path file;
    private final Map<String, Long> last = new ConcurrentHashMap<>();
    /** The xid of the client's last accepted message: a FORCERENEW carries it (dhcpcd ignores another). */
    private final Map<String, Integer> xids = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ExecutorService writer;
    private final FileChannel channel;

    private record Pending(String line, CompletableFuture<Void> done) {
    }

    ReplayJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        load();
        compact();
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "leasehold-auth-replay-journal");
            t.setDaemon(true);
            return t;
        });
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int n = 0;
        for (String line : lines) {
            n++;
            String[] f = line.split(" ");
            try {
                if (f.length != 2 && f.length != 3) {
                    throw new NumberFormatException("fields");
                }
                long v = Long.parseUnsignedLong(f[1], 16);
                last.merge(f[0], v, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
                if (f.length == 3 && last.get(f[0]) == v) {
                    xids.put(f[0], Integer.parseUnsignedInt(f[2], 16));
                }
            } catch (NumberFormatException e) {
                LOG.warn("{}:{}: unreadable replay counter line skipped", file, n);
            }
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder out = new StringBuilder();
        last.forEach((id, v) -> out.append(line(id, v, xids.get(id))));
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("directory fsync not supported for {}", file.getParent(), e);
        }
    }

    /**
     * Takes {@code counter} as {@code identity}'s new last value when it is greater (unsigned) than the
     * last one. Empty when it is not (a replay); otherwise a stage completing when it is durable.
     */
    Optional<CompletionStage<Void>> accept(String identity, long counter) {
        return accept(identity, counter, null);
    }

    private static String line(String identity, long counter, Integer xid) {
        return identity + ' ' + Long.toHexString(counter) + (xid == null ? "" : " " + Integer.toHexString(xid)) + '\n';
    }

    /** As {@link #accept(String, long)}, also remembering the message's {@code xid}. */
    Optional<CompletionStage<Void>> accept(String identity, long counter, Integer xid) {
        boolean[] advanced = {false};
        last.compute(identity, (k, prev) -> {
            if (prev != null && Long.compareUnsigned(counter, prev) <= 0) {
                return prev;
            }
            advanced[0] = true;
            return counter;
        });
        if (!advanced[0]) {
            return Optional.empty();
        }
        if (xid != null) {
            xids.put(identity, xid);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(line(identity, counter, xid), done));
        writer.execute(this::drain);
        return Optional.of(done);
    }

    /** The last counter accepted from {@code identity}. */
    Optional<Long> last(String identity) {
        return Optional.ofNullable(last.get(identity));
    }

    /** The xid of the last accepted message of {@code identity}, when one was recorded. */
    Optional<Integer> lastXid(String identity) {
        return Optional.ofNullable(xids.get(identity));
    }

    int clients() {
        return last.size();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        batch.forEach(p -> text.append(p.line()));
        try {
            ByteBuffer b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
            batch.forEach(p -> p.done().complete(null));
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot write the replay counters to {}: {}", file, e.toString());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("replay journal writer did not stop in 5 s");
            }
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing {}: {}", file, e.toString());
        }
    }
}
