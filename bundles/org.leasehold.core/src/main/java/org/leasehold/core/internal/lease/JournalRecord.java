package org.leasehold.core.internal.lease;

import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;

/** One decoded journal entry. Immutable. */
sealed interface JournalRecord {

    /** The key the record is about. */
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
}
