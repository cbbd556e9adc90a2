package org.leasehold.failover.internal.state;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;
import org.leasehold.failover.internal.wire.ServerState;

/**
 * A relationship's state on disk: one small properties file per relationship, replaced atomically
 * (written to a temporary file, fsync'd, renamed over the old one, the folder fsync'd), so a crash
 * leaves either the old state or the new one. {@link #write} blocks on the disk: call it off the
 * packet path. Not thread-safe; one writer per relationship.
 */
public final class StateJournal {

    private final Path file;

    public StateJournal(Path directory, String relationship) {
        this.file = directory.resolve(fileName(relationship));
    }

    /** A file name for any relationship name (ISC allows any string). */
    static String fileName(String relationship) {
        StringBuilder b = new StringBuilder();
        for (char c : relationship.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
        }
        return b + "-" + Integer.toHexString(relationship.hashCode()) + ".state";
    }

    public Path file() {
        return file;
    }

    /** The state last written, if any. A file that cannot be read is an error, never silently ignored. */
    public Optional<Persisted> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        try {
            return Optional.of(new Persisted(ServerState.parse(p.getProperty("my-state")),
                    Long.parseLong(p.getProperty("my-stos")), ServerState.parse(p.getProperty("partner-state")),
                    Long.parseLong(p.getProperty("partner-stos")), Long.parseLong(p.getProperty("mclt"))));
        } catch (RuntimeException e) {
            throw new IOException("unreadable failover state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the state on disk; returns once it is durable. */
    public void write(Persisted s) throws IOException {
        Files.createDirectories(file.getParent());
        String text = "# Leasehold failover state; replaced atomically at every state change\n"
                + "my-state=" + s.myState() + "\nmy-stos=" + s.myStos() + "\npartner-state=" + s.partnerState()
                + "\npartner-stos=" + s.partnerStos() + "\nmclt=" + s.mclt() + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically", e);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
