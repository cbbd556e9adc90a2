package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a journal file into a map and cuts a torn or corrupt tail.
 *
 * <p>A crash can leave the last batch half written (its commits were never acknowledged, so nothing
 * acknowledged is lost by cutting it). The reader stops at the first frame that is incomplete, has an
 * impossible length or a bad CRC, copies the bytes from there to a {@code .discarded-*} file beside the
 * journal for inspection, and truncates the journal at the end of the last good frame. A frame with a
 * good CRC that this version cannot decode (a newer record version) stops the replay with an
 * IOException instead: cutting it would destroy data. Not thread-safe; used once, at open.
 */
final class JournalReader {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);
    private static final int BUFFER_BYTES = 4 << 20;

    /** What a replay found. */
    record Result(long records, long goodBytes, long discardedBytes, String problem) {
    }

    private JournalReader() {
    }

    /**
     * Applies every good record of {@code file} to {@code into} in order, truncates the file after the
     * last good record (fsync'd), and returns what was found.
     */
    static Result replay(Path file, Map<LeaseKey, Lease> into) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            Result r = scan(ch, size, into, file);
            if (r.goodBytes() < size) {
                Path saved = file.resolveSibling(file.getFileName() + ".discarded-" + System.currentTimeMillis());
                copyTail(ch, r.goodBytes(), saved);
                ch.truncate(r.goodBytes());
                ch.force(true);
                LOG.warn("Lease journal {}: {} at offset {}; cut {} bytes (saved to {})", file, r.problem(),
                        r.goodBytes(), size - r.goodBytes(), saved.getFileName());
            }
            return r;
        }
    }

    private static Result scan(FileChannel ch, long size, Map<LeaseKey, Lease> into, Path file) throws IOException {
        // A file smaller than the buffer is read whole at once, so a buffer of its size does: a small journal
        // does not cost 4 MiB of direct memory (freed only by a later GC) at every replay.
        int capacity = (int) Math.min(BUFFER_BYTES, Math.max(size, LeaseRecordCodec.FILE_HEADER_BYTES));
        ByteBuffer buf = ByteBuffer.allocateDirect(capacity).limit(0);
        long filePos = 0; // file offset of buffer index 0
        fill(ch, buf, filePos);
        if (buf.remaining() < LeaseRecordCodec.FILE_HEADER_BYTES) {
            return new Result(0, 0, size, size == 0 ? "empty file" : "torn file header");
        }
        int magic = buf.getInt();
        int format = buf.getInt();
        if (magic != LeaseRecordCodec.MAGIC || format != LeaseRecordCodec.FILE_FORMAT) {
            throw new IOException(file + " is not a Leasehold lease journal of format "
                    + LeaseRecordCodec.FILE_FORMAT + " (magic " + Integer.toHexString(magic) + ", format " + format
                    + ")");
        }
        long good = LeaseRecordCodec.FILE_HEADER_BYTES;
        long records = 0;
        String problem = null;
        LeaseRecordCodec.Decoder decoder = new LeaseRecordCodec.Decoder();
        Map<Long, List<Lease>> staged = new HashMap<>();
        try (Applier applier = new Applier(into, Runtime.getRuntime().availableProcessors() > 1)) {
            while (true) {
                if (buf.remaining() < LeaseRecordCodec.FRAME_HEADER_BYTES + LeaseRecordCodec.MAX_PAYLOAD
                        && filePos + buf.limit() < size) {
                    filePos += buf.position();
                    buf.compact().flip();
                    fill(ch, buf, filePos);
                }
                if (!buf.hasRemaining()) {
                    break;
                }
                problem = frameProblem(buf);
                if (problem != null) {
                    break;
                }
                int length = buf.getInt();
                buf.getInt();
                ByteBuffer payload = buf.slice(buf.position(), length);
                JournalRecord r = decodeOrFail(decoder, payload, file, good);
                if (r instanceof JournalRecord.Staged st) {
                    staged.computeIfAbsent(st.importId(), id -> new ArrayList<>()).add(st.lease());
                } else if (r instanceof JournalRecord.Apply ap) {
                    apply(ap, staged.remove(ap.importId()), applier, file, good);
                } else {
                    applier.add(r);
                }
                buf.position(buf.position() + length);
                good += LeaseRecordCodec.FRAME_HEADER_BYTES + length;
                records++;
            }
            applier.finish();
        }
        staged.forEach((id, leases) -> LOG.warn("Lease journal {}: an import of {} leases (id {}) did not finish"
                + " before the server stopped; none of it is in force", file, leases.size(), Long.toHexString(id)));
        return new Result(records, good, problem == null ? 0 : size - good, problem);
    }

    /** Why the frame at the buffer's position cannot be used, or null if it is whole and intact. */
    private static String frameProblem(ByteBuffer buf) {
        if (buf.remaining() < LeaseRecordCodec.FRAME_HEADER_BYTES) {
            return "torn record header";
        }
        int length = buf.getInt(buf.position());
        if (length < 2 || length > LeaseRecordCodec.MAX_PAYLOAD) {
            return "impossible record length " + length;
        }
        if (buf.remaining() < LeaseRecordCodec.FRAME_HEADER_BYTES + length) {
            return "torn record";
        }
        int stored = buf.getInt(buf.position() + 4);
        int actual = LeaseRecordCodec.crc(buf, buf.position() + LeaseRecordCodec.FRAME_HEADER_BYTES, length);
        return stored == actual ? null : "CRC mismatch";
    }

    private static JournalRecord decodeOrFail(LeaseRecordCodec.Decoder decoder, ByteBuffer payload, Path file,
                                              long offset) throws IOException {
        try {
            return decoder.decode(payload);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": record at offset " + offset + " has a valid checksum but cannot be read"
                    + " by this version (" + e.getMessage() + "); refusing to start rather than cut it", e);
        }
    }

    /**
     * Puts an import's staged leases in force. An APPLY whose staged records are not all there cannot
     * come from this writer (it stages every record before the APPLY and compacts neither in between);
     * applying part of an import is what must never happen, so the start fails instead.
     */
    private static void apply(JournalRecord.Apply ap, List<Lease> leases, Applier applier, Path file, long offset)
            throws IOException {
        int n = leases == null ? 0 : leases.size();
        if (n != ap.count()) {
            throw new IOException(file + ": import " + Long.toHexString(ap.importId()) + " at offset " + offset
                    + " applies " + ap.count() + " leases but " + n + " are staged; refusing to start rather than"
                    + " apply part of it");
        }
        for (Lease l : leases) {
            applier.add(new JournalRecord.Put(l));
        }
    }

    private static void apply(JournalRecord r, Map<LeaseKey, Lease> into) {
        if (r instanceof JournalRecord.Put put) {
            into.put(put.key(), put.lease());
        } else {
            into.remove(r.key());
        }
    }

    /**
     * Applies decoded records to the map in file order. With two or more CPUs a second thread applies
     * while the reader decodes the next records (a hash-map insert is about a third of a record's
     * cost); with one CPU, inline. The reader owns it; {@link #finish} waits for everything added.
     */
    private static final class Applier implements AutoCloseable {
        private static final int BATCH = 4096;
        private static final JournalRecord[] END = new JournalRecord[0];

        private final Map<LeaseKey, Lease> into;
        private final ArrayBlockingQueue<JournalRecord[]> queue = new ArrayBlockingQueue<>(16);
        private final Thread thread;
        private volatile Throwable failure;
        private JournalRecord[] batch = new JournalRecord[BATCH];
        private int n;
        private boolean finished;

        Applier(Map<LeaseKey, Lease> into, boolean parallel) {
            this.into = into;
            if (parallel) {
                thread = new Thread(this::run, "leasehold-journal-replay");
                thread.setDaemon(true);
                thread.start();
            } else {
                thread = null;
            }
        }

        void add(JournalRecord r) throws IOException {
            if (thread == null) {
                apply(r, into);
                return;
            }
            batch[n++] = r;
            if (n == BATCH) {
                hand(batch);
                batch = new JournalRecord[BATCH];
                n = 0;
            }
        }

        /** Returns once every record added is in the map. */
        void finish() throws IOException {
            finished = true;
            if (thread == null) {
                return;
            }
            if (n > 0) {
                hand(Arrays.copyOf(batch, n));
                n = 0;
            }
            hand(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while replaying the lease journal", e);
            }
            if (failure != null) {
                throw new IOException("replaying the lease journal failed", failure);
            }
        }

        private void hand(JournalRecord[] b) throws IOException {
            try {
                while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    if (failure != null || !thread.isAlive()) {
                        throw new IOException("replaying the lease journal failed", failure);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while replaying the lease journal", e);
            }
        }

        private void run() {
            try {
                while (true) {
                    JournalRecord[] b = queue.take();
                    if (b == END) {
                        return;
                    }
                    for (JournalRecord r : b) {
                        apply(r, into);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        /** On an error path (finish not reached): stops the applier thread. */
        @Override
        public void close() {
            if (thread != null && !finished) {
                thread.interrupt();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Appends file bytes after the buffer's content; {@code filePos} is the file offset of index 0. */
    private static void fill(FileChannel ch, ByteBuffer buf, long filePos) throws IOException {
        int start = buf.position();
        int end = buf.limit();
        buf.position(end).limit(buf.capacity());
        long at = filePos + end;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        buf.limit(buf.position()).position(start);
    }

    private static void copyTail(FileChannel ch, long from, Path to) throws IOException {
        try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long pos = from;
            long size = ch.size();
            while (pos < size) {
                pos += ch.transferTo(pos, size - pos, out);
            }
            out.force(true);
        }
    }
}
