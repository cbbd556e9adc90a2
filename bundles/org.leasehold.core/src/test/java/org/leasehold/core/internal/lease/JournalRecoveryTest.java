package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.Lease;

class JournalRecoveryTest {

    @TempDir
    Path dir;

    private Path journal() {
        return JournalFiles.journal(dir);
    }

    /** Commits leases 0..n-1, closes, and returns the file offsets where each record starts. */
    private List<Long> writeLeases(int n) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            for (int i = 0; i < n; i++) {
                offsets.add(Files.size(journal()));
                store.commit(TestLeases.active(i, i)).toCompletableFuture().join();
            }
        }
        return offsets;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }

    private List<Path> discardedFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".discarded-")).toList();
        }
    }

    @Test
    void cutsRecordTornInTheMiddleAndKeepsServing() throws IOException {
        List<Long> offsets = writeLeases(100);
        long size = Files.size(journal());
        try (var ch = Files.newByteChannel(journal(), StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(99);
            assertThat(store.get(TestLeases.key(99))).isEmpty();
            assertThat(store.get(TestLeases.key(98))).contains(TestLeases.active(98, 98));
            assertThat(Files.size(journal())).isEqualTo(offsets.get(99));
            assertThat(store.stats().discardedBytes()).isEqualTo(size - 5 - offsets.get(99));
            store.commit(TestLeases.active(500, 1)).toCompletableFuture().join();
        }
        assertThat(discardedFiles()).hasSize(1);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(100);
            assertThat(store.get(TestLeases.key(500))).contains(TestLeases.active(500, 1));
            assertThat(store.stats().discardedBytes()).isZero();
        }
    }

    @Test
    void cutsTornFrameHeader() throws IOException {
        writeLeases(10);
        long size = Files.size(journal());
        Files.write(journal(), new byte[] {0, 0, 1}, StandardOpenOption.APPEND);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(10);
        }
        assertThat(Files.size(journal())).isEqualTo(size);
    }

    @Test
    void cutsLastRecordWithBadCrc() throws IOException {
        List<Long> offsets = writeLeases(20);
        flipByte(journal(), offsets.get(19) + 20);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(19);
            assertThat(store.get(TestLeases.key(19))).isEmpty();
        }
        assertThat(Files.size(journal())).isEqualTo(offsets.get(19));
    }

    @Test
    void cutsFromACorruptMiddleRecordAndSavesTheRest() throws IOException {
        List<Long> offsets = writeLeases(20);
        long size = Files.size(journal());
        flipByte(journal(), offsets.get(10) + 12);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(10);
        }
        List<Path> saved = discardedFiles();
        assertThat(saved).hasSize(1);
        assertThat(Files.size(saved.get(0))).isEqualTo(size - offsets.get(10));
    }

    @Test
    void cutsImpossibleLength() throws IOException {
        List<Long> offsets = writeLeases(5);
        try (var ch = Files.newByteChannel(journal(), StandardOpenOption.WRITE)) {
            ch.position(offsets.get(4));
            ch.write(ByteBuffer.allocate(4).putInt(0, -7));
        }
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(4);
        }
    }

    @Test
    void refusesRecordOfNewerVersionWithoutCuttingIt() throws IOException {
        writeLeases(3);
        byte[] frame = LeaseRecordCodec.encodeDelete(TestLeases.key(1));
        frame[8] = 3; // version 3 (newer than this build reads), then a valid CRC over it
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.putInt(4, LeaseRecordCodec.crc(b, 8, frame.length - 8));
        Files.write(journal(), frame, StandardOpenOption.APPEND);
        long size = Files.size(journal());
        assertThatThrownBy(() -> new JournalLeaseStore(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("valid checksum");
        assertThat(Files.size(journal())).isEqualTo(size);
        assertThat(discardedFiles()).isEmpty();
    }

    @Test
    void refusesFileThatIsNotAJournal() throws IOException {
        Files.write(journal(), "lease 198.51.100.1 {\n}\n".getBytes());
        assertThatThrownBy(() -> new JournalLeaseStore(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Leasehold lease journal");
        assertThat(Files.readString(journal())).startsWith("lease");
    }

    @Test
    void treatsEmptyFileAsNewJournal() throws IOException {
        Files.write(journal(), new byte[0]);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            store.commit(TestLeases.active(1, 1)).toCompletableFuture().join();
        }
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(1);
        }
    }

    @Test
    void ignoresLeftoverCompactionFile() throws IOException {
        writeLeases(5);
        Files.write(JournalFiles.compactTemp(journal()), new byte[] {1, 2, 3});
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(5);
        }
        assertThat(JournalFiles.compactTemp(journal())).doesNotExist();
    }

    @Test
    void oneStorePerDirectory() throws IOException {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThatThrownBy(() -> new JournalLeaseStore(dir)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
        new JournalLeaseStore(dir).close();
    }

    @Test
    void deletesSurviveReplay() throws IOException {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(store.commit(TestLeases.active(i, i)).toCompletableFuture());
            }
            all.add(store.delete(TestLeases.key(3)).toCompletableFuture());
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            assertThat(store.delete(TestLeases.key(3)).toCompletableFuture().join()).isFalse();
        }
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(9);
            assertThat(store.get(TestLeases.key(3))).isEmpty();
            Lease four = store.get(TestLeases.key(4)).orElseThrow();
            assertThat(four).isEqualTo(TestLeases.active(4, 4));
        }
    }
}
