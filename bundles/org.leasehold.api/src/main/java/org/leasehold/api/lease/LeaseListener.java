package org.leasehold.api.lease;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every lease change once it is durable: the way capabilities follow the lease table
 * (binding updates to a failover partner, DNS updates, CLF pushes, exports). Register it as a
 * service (a DS component); the core takes listeners as they come and go.
 *
 * <p>Order and threading: changes are delivered one at a time, in the order the store made them
 * durable, on a thread of the core's own ({@code leasehold-lease-events}), shared by every listener.
 * {@link #leaseChanged} must therefore return quickly and never block: queue the work for a thread
 * of the capability. A listener that throws is logged (rate-limited) and the next change goes on.
 * A listener bound while the server runs sees the changes made from then on; it reads the rest from
 * {@link LeaseStore#all()}.
 *
 * <p>Delivery is not durable: a crash after a change was made durable and before its listeners ran
 * loses the notification. A capability whose outside state must follow the leases reconciles at start
 * (from the store, and from its own journal of what it has done).
 */
@ConsumerType
public interface LeaseListener {

    /** One change; see the type's threading rules. */
    void leaseChanged(LeaseChange change);
}
