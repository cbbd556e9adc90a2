package org.leasehold.core.internal.lease;

import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;

/** One decoded journal entry. Immutable. */
sealed interface JournalRecord {

    /** The key the record is about; null for {@link Apply}, which is about a whole import. */
    LeaseKey key();

    /** The lease was stored (replacing any earlier lease of its key). */
    record Put(Lease lease) implements JournalRecord {
        @Override
        public LeaseKey key() {
            return lease.key();
        }
    }

    /** The lease of this key was removed. */
    record Delete(LeaseKey key) implements JournalRecord {
    }

    /** A lease of bulk import {@code importId}: nothing changes until that import's {@link Apply}. */
    record Staged(long importId, Lease lease) implements JournalRecord {
        @Override
        public LeaseKey key() {
            return lease.key();
        }
    }

    /** Every {@link Staged} lease of import {@code importId} ({@code count} of them) is now in force. */
    record Apply(long importId, int count) implements JournalRecord {
        @Override
        public LeaseKey key() {
            return null;
        }
    }
}
