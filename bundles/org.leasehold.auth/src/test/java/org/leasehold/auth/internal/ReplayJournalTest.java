package org.leasehold.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayJournalTest {

    @Test
    void onlyAGreaterCounterIsAcceptedAndItSurvivesAReopen(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("auth/replay.journal");
        try (ReplayJournal j = new ReplayJournal(f)) {
            j.accept("mac:01", 5).orElseThrow().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(j.accept("mac:01", 5)).isEmpty();
            assertThat(j.accept("mac:01", 4)).isEmpty();
            j.accept("mac:01", 6, 0xcafe).orElseThrow().toCompletableFuture().get(5, TimeUnit.SECONDS);
            j.accept("mac:02", -2L).orElseThrow().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(j.accept("mac:02", 7)).as("counters compare unsigned").isEmpty();
        }
        Files.writeString(f, Files.readString(f) + "mac:03 1f", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(f, Files.readString(f) + "torn", java.nio.file.StandardOpenOption.APPEND);
        try (ReplayJournal j = new ReplayJournal(f)) {
            assertThat(j.last("mac:01")).contains(6L);
            assertThat(j.lastXid("mac:01")).contains(0xcafe);
            assertThat(j.accept("mac:01", 6)).isEmpty();
            assertThat(j.last("mac:02")).contains(-2L);
            assertThat(j.clients()).isEqualTo(2);
        }
        assertThat(Files.readAllLines(f)).containsExactlyInAnyOrder("mac:01 6 cafe", "mac:02 fffffffffffffffe");
    }
}
