package org.leasehold.api.lease;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A lease table several servers share (a database): the SPI a lease-store backend implements so that
 * N Leasehold servers allocate from one table without ever giving an address to two clients. The core
 * uses it when its configuration names it ({@code leaseBackend} in {@code etc/org.leasehold.core.cfg},
 * matched against the service property {@link #NAME}); without that the local journal is the store.
 *
 * <p>The table is the truth. The core keeps its own in-memory (and journaled) copy for reads that never
 * block, writes every change here first and puts it in its copy only once the table took it, and folds
 * the changes of the other servers into its copy as {@link Listener#changed} reports them. The table's
 * {@link Session#write conditional write} is what makes allocation safe: the core's copy may lag, the
 * table may not be wrong.
 *
 * <p>Records are opaque to the backend: the core encodes a lease as it journals it and decodes it back;
 * the backend stores the bytes beside the columns its conditions and an operator's queries need
 * (key, client, state, end).
 *
 * <p>Register it as a service with {@link #NAME}. Thread-safe.
 *
 * @since 0.5.0
 */
@ConsumerType
public interface SharedLeaseBackend {

    /** Service property: the backend's name, e.g. {@code pgsql}. */
    String NAME = "leasehold.lease.backend";

    /**
     * Starts a session for one server: from now on {@code listener} is told of every row any server
     * writes (this one's too), starting with the whole table. Several sessions may be open at once
     * (a server restarting in the same framework); each has its own feed.
     *
     * @param server the writing server's name, stored beside each row it writes (for operators)
     */
    Session open(String server, Listener listener);

    /** Who hears of the table's changes. */
    interface Listener {
        /**
         * Rows changed since the last call, in the order the backend read them, on the backend's own
         * thread; the core hands them on and returns. A row may be reported more than once (a backend
         * may re-read a window to miss none), and rows the core wrote itself come back too.
         */
        void changed(List<Row> rows);
    }

    /**
     * One row of the table.
     *
     * @param key    the address and its address space
     * @param client the client that holds or last held it; null when none
     * @param state  the lease's state
     * @param endEpochSecond when the lease ends
     * @param record the core's encoding of the lease; null for a row deleted (a tombstone)
     * @param server who wrote the row last
     */
    record Row(LeaseKey key, ClientKey client, LeaseState state, long endEpochSecond, byte[] record, String server) {

        /** Whether the row is a deletion. */
        public boolean deleted() {
            return record == null;
        }
    }

    /**
     * What became of a write.
     *
     * @param stored whether the table took it
     * @param holder when it did not: the row the table holds for that key, which the caller must not
     *               overwrite (the core puts it in its copy)
     */
    record Write(boolean stored, Row holder) {

        public static final Write STORED = new Write(true, null);

        public static Write refused(Row holder) {
            return new Write(false, holder);
        }
    }

    /** Whether the table can be reached, and what went wrong last when not. */
    record Health(boolean up, String detail) {
    }

    /** One server's use of the table. Thread-safe. */
    interface Session extends AutoCloseable {

        /**
         * Writes {@code row} unless that takes the address from a client that holds it. The table
         * stores it, atomically with respect to every other server's writes, when:
         * <ul>
         * <li>it has no row for the key, or a deleted one; or
         * <li>its row is not {@link LeaseState#ACTIVE}, or ended at or before {@code nowEpochSecond}
         *     (the address is free to take, by any client); or
         * <li>its row names the same client and {@code row} is {@link LeaseState#ACTIVE},
         *     {@link LeaseState#RELEASED} or {@link LeaseState#ABANDONED} (the client renews,
         *     releases or declines; a sweep's {@link LeaseState#EXPIRED} of a lease that another server
         *     renewed meanwhile is refused).
         * </ul>
         * Otherwise it completes with {@link Write#refused} and the row the table holds. Completes
         * exceptionally when the table cannot be reached: the core then grants nothing.
         * Completes on the backend's thread; the write is durable in the table when it completes.
         */
        CompletionStage<Write> write(Row row, long nowEpochSecond);

        /** Deletes the key's row (leaving a tombstone the other servers see); durable on completion. */
        CompletionStage<Void> delete(LeaseKey key);

        /** Reachability now; never blocks. */
        Health health();

        /** Ends the feed and releases the session's connections. */
        @Override
        void close();
    }

    /** Thrown (as the cause of a failed commit) when the table holds the address for another client. */
    final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Row holder;

        public ConflictException(String message, Row holder) {
            super(message, null, false, false);
            this.holder = holder;
        }

        /** The row that kept the write out. */
        public Row holder() {
            return holder;
        }
    }
}
