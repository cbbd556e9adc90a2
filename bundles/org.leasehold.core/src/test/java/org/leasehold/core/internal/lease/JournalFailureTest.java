package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFailureTest {

    @TempDir
    Path dir;

    /** A failed fsync must not be retried: that commit and every later one fail, until reopened. */
    @Test
    void failedSyncFailsTheBatchAndEveryLaterCommit() throws IOException {
        AtomicInteger syncs = new AtomicInteger();
        JournalWriter.Observer secondSyncFails = new JournalWriter.Observer() {
            @Override
            public void beforeSync(int records) {
                if (syncs.incrementAndGet() == 2) {
                    throw new UncheckedIOException(new IOException("simulated EIO"));
                }
            }
        };
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS, secondSyncFails)) {
            store.commit(TestLeases.active(1, 1)).toCompletableFuture().join();
            CompletableFuture<?> second = store.commit(TestLeases.active(2, 1)).toCompletableFuture();
            assertThatThrownBy(second::join).isInstanceOf(CompletionException.class)
                    .hasRootCauseMessage("simulated EIO");
            CompletableFuture<?> third = store.commit(TestLeases.active(3, 1)).toCompletableFuture();
            assertThat(third).isCompletedExceptionally();
            assertThatThrownBy(third::join).hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("failed earlier");
            assertThat(store.compact().toCompletableFuture()).failsWithin(Duration.ofMinutes(1));
            assertThat(store.stats().fsyncs()).isEqualTo(1);
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir)) {
            assertThat(reopened.get(TestLeases.key(1))).isPresent();
            assertThat(reopened.get(TestLeases.key(3))).isEmpty();
            reopened.commit(TestLeases.active(4, 1)).toCompletableFuture().join();
        }
    }
}
