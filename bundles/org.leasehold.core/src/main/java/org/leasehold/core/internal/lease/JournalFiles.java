package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Names of the store's files and the fsync dance around creating and replacing them. Stateless. */
final class JournalFiles {

    static final String JOURNAL = "leases.journal";
    static final String LOCK = "leases.lock";

    private JournalFiles() {
    }

    static Path journal(Path dir) {
        return dir.resolve(JOURNAL);
    }

    static Path lock(Path dir) {
        return dir.resolve(LOCK);
    }

    static Path compactTemp(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".compact");
    }

    /**
     * Creates an empty journal (header only) atomically: written to the temp name, fsync'd, renamed,
     * directory fsync'd, so a crash leaves either no journal or a whole header.
     */
    static void createEmpty(Path journal) throws IOException {
        Path temp = compactTemp(journal);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(LeaseRecordCodec.fileHeader());
            ch.force(true);
        }
        Files.move(temp, journal, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(journal.getParent());
    }

    /** Makes a rename or create in {@code dir} durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
