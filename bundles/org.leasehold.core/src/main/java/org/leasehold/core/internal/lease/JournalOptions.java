package org.leasehold.core.internal.lease;

/**
 * Tuning of a {@link JournalLeaseStore}. Immutable.
 *
 * @param compactRatio    compact when the journal is larger than this many times the live leases' size
 * @param compactMinBytes never compact a journal smaller than this (a small file replays fast anyway)
 * @param batchBufferBytes size of the writer's buffer; a larger batch is written in several writes but
 *                        still fsync'd once
 * @param commitDelayMicros longest time the writer waits for more commits before an fsync, when commits
 *                        arrive fast enough that more are expected within it (0: never wait)
 * @param groupTarget     a batch this large is written at once, without waiting
 */
public record JournalOptions(double compactRatio, long compactMinBytes, int batchBufferBytes, int commitDelayMicros,
                             int groupTarget) {

    /**
     * Defaults: compact at 3x live size, not below 16 MiB; 1 MiB write buffer; gather commits for up to
     * 1 ms or 64 records. An fdatasync costs tens of microseconds of CPU however little it writes, so at
     * thousands of commits per second one fsync per few commits would cost a large part of a core.
     */
    public static final JournalOptions DEFAULTS = new JournalOptions(3.0, 16L << 20, 1 << 20, 1000, 64);

    public JournalOptions {
        if (compactRatio <= 1.0) {
            throw new IllegalArgumentException("compactRatio must be > 1, was " + compactRatio);
        }
        if (compactMinBytes < 0 || batchBufferBytes < 4096) {
            throw new IllegalArgumentException("compactMinBytes must be >= 0 and batchBufferBytes >= 4096");
        }
        if (commitDelayMicros < 0 || commitDelayMicros > 1_000_000 || groupTarget < 1) {
            throw new IllegalArgumentException("commitDelayMicros must be 0-1000000 and groupTarget >= 1");
        }
    }

    public JournalOptions withCompaction(double ratio, long minBytes) {
        return new JournalOptions(ratio, minBytes, batchBufferBytes, commitDelayMicros, groupTarget);
    }

    public JournalOptions withCommitDelay(int micros, int target) {
        return new JournalOptions(compactRatio, compactMinBytes, batchBufferBytes, micros, target);
    }
}
