package org.leasehold.core.internal.lease;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import org.leasehold.api.lease.Lease;

/**
 * Child process of {@link CrashRecoveryTest}: commits leases as fast as it can until killed, and prints
 * {@code "<n> <seq>"} for each commit after its stage completed (the lease is then acknowledged).
 * Arguments: store directory, first sequence number, number of distinct addresses.
 */
public final class CrashingCommitter {

    private CrashingCommitter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seq = Long.parseLong(args[1]);
        int keys = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.US_ASCII);
        // Small compaction thresholds so kills also land during compactions.
        JournalOptions options = JournalOptions.DEFAULTS.withCompaction(2.0, 32 << 10);
        JournalLeaseStore store = new JournalLeaseStore(dir, options);
        Semaphore window = new Semaphore(128);
        while (true) {
            window.acquire();
            int n = (int) (seq % keys);
            long s = seq++;
            Lease lease = TestLeases.active(n, s);
            store.commit(lease).whenComplete((l, e) -> {
                if (e == null) {
                    synchronized (out) {
                        out.println(n + " " + s);
                        out.flush();
                    }
                }
                window.release();
            });
        }
    }
}
