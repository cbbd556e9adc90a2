package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.leasehold.api.lease.Lease;

/** Writes a compacted journal: the header and one record per live lease. Stateless. */
final class SnapshotWriter {

    /** An fsync'd snapshot file, still open and positioned at its end for appending. */
    record Snapshot(FileChannel channel, long bytes, long leases) {
    }

    private SnapshotWriter() {
    }

    /**
     * Writes {@code leases} to {@code file} (replacing it), fsyncs it and returns it open. Checks
     * {@code cancelled} now and then and gives up (deleting the file) when it turns true.
     */
    static Snapshot write(Path file, Iterable<Lease> leases, int bufferBytes, BooleanSupplier cancelled)
            throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(bufferBytes);
            buf.put(LeaseRecordCodec.fileHeader());
            long bytes = LeaseRecordCodec.FILE_HEADER_BYTES;
            long count = 0;
            for (Lease l : leases) {
                byte[] rec = LeaseRecordCodec.encodePut(l);
                if (buf.remaining() < rec.length) {
                    drain(ch, buf);
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("store closing");
                    }
                }
                put(ch, buf, rec);
                bytes += rec.length;
                count++;
            }
            drain(ch, buf);
            ch.force(true);
            return new Snapshot(ch, bytes, count);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Buffers {@code rec}, or writes it directly when it is larger than the (drained) buffer. */
    static void put(FileChannel ch, ByteBuffer buf, byte[] rec) throws IOException {
        if (rec.length > buf.remaining()) {
            drain(ch, buf);
            ByteBuffer direct = ByteBuffer.wrap(rec);
            while (direct.hasRemaining()) {
                ch.write(direct);
            }
        } else {
            buf.put(rec);
        }
    }

    static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }
}
