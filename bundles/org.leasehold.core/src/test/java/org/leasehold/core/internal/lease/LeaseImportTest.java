package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;

/** Bulk import: all leases in force at once and durably, or none of them after a crash. */
class LeaseImportTest {

    @TempDir
    Path dir;

    static List<Lease> leases(int from, int count) {
        List<Lease> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(TestLeases.full(i));
        }
        return out;
    }

    @Test
    void anImportIsInForceAtOnceAndAfterAReopenWithProgressAndListenersTold() throws Exception {
        List<Integer> progress = new CopyOnWriteArrayList<>();
        List<String> told = new CopyOnWriteArrayList<>();
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            store.commit(TestLeases.active(1, 10)).toCompletableFuture().get();
            store.observe((before, after, origin) -> told.add(origin + ":" + after.key()
                    + (before == null ? "" : " replaced")));
            int n = store.importLeases(leases(1, 12_000), "console", progress::add);
            assertThat(n).isEqualTo(12_000);
            assertThat(store.size()).isEqualTo(12_000);
            assertThat(store.get(TestLeases.key(1))).contains(TestLeases.full(1));
        }
        assertThat(progress).containsExactly(5_000, 10_000, 12_000);
        assertThat(told).hasSize(12_000).first().isEqualTo("console:10.0.0.1 replaced");
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(12_000);
            assertThat(store.all()).containsExactlyInAnyOrderElementsOf(leases(1, 12_000));
            assertThat(store.count(LeaseState.ACTIVE)).isEqualTo(12_000);
        }
    }

    @Test
    void stagedLeasesWithoutTheirApplyAreNotInForceAfterACrash() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            store.commit(TestLeases.active(1, 10)).toCompletableFuture().get();
        }
        // what a kill during the import leaves: staged records, no apply
        append(frames(7, leases(2, 100)));
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.all()).containsExactly(TestLeases.active(1, 10));
            store.commit(TestLeases.active(3, 20)).toCompletableFuture().get();
        }
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(2);
        }
    }

    @Test
    void aTornApplyRecordIsCutAndNothingOfTheImportIsInForce() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            store.commit(TestLeases.active(1, 10)).toCompletableFuture().get();
        }
        List<byte[]> frames = frames(8, leases(2, 50));
        byte[] apply = LeaseRecordCodec.encodeApply(8, 50);
        frames.add(java.util.Arrays.copyOf(apply, apply.length - 3));
        append(frames);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.all()).containsExactly(TestLeases.active(1, 10));
        }
        // and with the whole apply record, every lease of the import
        List<byte[]> whole = frames(9, leases(2, 50));
        whole.add(LeaseRecordCodec.encodeApply(9, 50));
        append(whole);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(51);
        }
    }

    @Test
    void anApplyOfMoreLeasesThanAreStagedRefusesToStartRatherThanApplyPart() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            store.commit(TestLeases.active(1, 10)).toCompletableFuture().get();
        }
        List<byte[]> frames = frames(5, leases(2, 3));
        frames.add(LeaseRecordCodec.encodeApply(5, 4));
        append(frames);
        assertThatThrownBy(() -> new JournalLeaseStore(dir)).hasMessageContaining("applies 4 leases but 3 are staged");
    }

    @Test
    void compactionWaitsForAnImportAndKeepsEveryImportedLease() throws Exception {
        // compact as soon as the journal is over 1.1 times its live size and 64 KiB: the staged records
        // alone would trigger it mid-import
        JournalOptions eager = new JournalOptions(1.1, 64 << 10, 1 << 16, 0, 64);
        try (JournalLeaseStore store = new JournalLeaseStore(dir, eager)) {
            for (int round = 0; round < 3; round++) {
                store.importLeases(leases(round * 7_000, 7_000), "console", n -> { });
                for (int i = 0; i < 200; i++) {
                    store.commit(TestLeases.active(i, round * 1000 + i)).toCompletableFuture().get();
                }
            }
            assertThat(store.size()).isEqualTo(21_000);
            store.compact().toCompletableFuture().get();
            assertThat(store.stats().compactions()).isPositive();
        }
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(store.size()).isEqualTo(21_000);
            assertThat(store.get(TestLeases.key(20_999))).contains(TestLeases.full(20_999));
            assertThat(store.get(TestLeases.key(5))).contains(TestLeases.active(5, 2005));
        }
    }

    private static List<byte[]> frames(long id, List<Lease> leases) {
        List<byte[]> out = new ArrayList<>();
        leases.forEach(l -> out.add(LeaseRecordCodec.encodeStaged(id, l)));
        return out;
    }

    private void append(List<byte[]> frames) throws Exception {
        try (FileChannel ch = FileChannel.open(JournalFiles.journal(dir), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (byte[] f : frames) {
                ch.write(ByteBuffer.wrap(f));
            }
        }
        assertThat(Files.size(JournalFiles.journal(dir))).isPositive();
    }
}
