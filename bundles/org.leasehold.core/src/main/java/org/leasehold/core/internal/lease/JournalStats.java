package org.leasehold.core.internal.lease;

/**
 * Counters of a {@link JournalLeaseStore} since it was opened. Immutable snapshot.
 *
 * @param leases          leases in the table now
 * @param records         records appended (commits and deletes)
 * @param fsyncs          fsyncs of appended batches (one per group commit; compaction's own not counted)
 * @param appendedBytes   bytes appended by group commits
 * @param fileBytes       current journal size
 * @param compactions     compactions completed
 * @param compactionTail  records committed while a compaction's snapshot was written, carried over
 *                        into the new file
 * @param replayedRecords records read at open
 * @param replayMillis    time the open took to replay the journal
 * @param discardedBytes  bytes cut from a torn or corrupt tail at open
 * @param slowFsyncs      group fsyncs that took {@value JournalWriter#SLOW_SYNC_MILLIS} ms or more (each held
 *                        back every ACK of its batch as long)
 */
public record JournalStats(long leases, long records, long fsyncs, long appendedBytes, long fileBytes,
                           long compactions, long compactionTail, long replayedRecords, long replayMillis,
                           long discardedBytes, long slowFsyncs) {
}
