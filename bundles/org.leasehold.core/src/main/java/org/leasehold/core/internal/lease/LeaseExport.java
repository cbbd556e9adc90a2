package org.leasehold.core.internal.lease;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.leasehold.api.lease.Lease;

/** Writes lease exports to files, atomically (temp file, fsync, rename). Stateless. */
public final class LeaseExport {

    /** Export formats. */
    public enum Format {
        /** {@link LeaseJson#writeArray}. */
        JSON,
        /** {@link DhcpdLeasesFormat#write}. */
        DHCPD_LEASES
    }

    private LeaseExport() {
    }

    /** The leases sorted by address space, then address: the order of every listing and export. */
    public static List<Lease> sorted(Collection<Lease> leases) {
        List<Lease> list = new ArrayList<>(leases);
        list.sort(Comparator.comparing(Lease::key));
        return list;
    }

    /**
     * Writes {@code leases} (sorted by key) to {@code file} in {@code format}. Readers of {@code file}
     * see either the previous export or the whole new one.
     */
    public static void writeFile(Collection<Lease> leases, Format format, Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        List<Lease> sorted = sorted(leases);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8),
                    1 << 16);
            try {
                if (format == Format.JSON) {
                    LeaseJson.writeArray(sorted, w);
                } else {
                    DhcpdLeasesFormat.write(sorted, w);
                }
                w.flush();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
