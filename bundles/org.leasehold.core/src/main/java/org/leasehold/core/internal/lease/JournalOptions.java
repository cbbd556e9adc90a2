package org.leasehold.core.internal.lease;

/**
 * Tuning of a {@link JournalLeaseStore}. Immutable.
 *
 * @param compactRatio    compact when the journal is larger than this many times the live leases' size
 * @param compactMinBytes never compact a journal smaller than this (a small file replays fast anyway)
 * @param batchBufferBytes size of the writer's buffer; a larger batch is written in several writes but
 *                        still fsync'd once
 */
public record JournalOptions(double compactRatio, long compactMinBytes, int batchBufferBytes) {

    /** Defaults: compact at 3x live size, not below 16 MiB; 1 MiB write buffer. */
    public static final JournalOptions DEFAULTS = new JournalOptions(3.0, 16L << 20, 1 << 20);

    public JournalOptions {
        if (compactRatio <= 1.0) {
            throw new IllegalArgumentException("compactRatio must be > 1, was " + compactRatio);
        }
        if (compactMinBytes < 0 || batchBufferBytes < 4096) {
            throw new IllegalArgumentException("compactMinBytes must be >= 0 and batchBufferBytes >= 4096");
        }
    }

    public JournalOptions withCompaction(double ratio, long minBytes) {
        return new JournalOptions(ratio, minBytes, batchBufferBytes);
    }
}
