package org.leasehold.core.internal.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseStore;

/**
 * What the core's console commands need from the running server. Registered by the server
 * component beside {@link org.leasehold.api.ServerInfo}; internal to the core bundle. Thread-safe.
 */
public interface ServerControl {

    /** The lease table. */
    LeaseStore leases();

    /**
     * Re-reads dhcpd.conf. A file with errors is rejected and the running configuration keeps
     * serving; leases are never touched.
     *
     * @return the problems found ({@code file:line:column: message}); empty when applied
     */
    List<String> reloadConfiguration();

    /** The loopback address and port the server answers local tools on, if it listens on one. */
    Optional<InetSocketAddress> loopbackEndpoint();

    /** The port the server sends relayed replies to (its own server port). */
    int serverPort();

    /**
     * Stores {@code leases} as one atomic, durable change (a crash leaves the table as before or with
     * all of them, never part); blocks until then. The allocator and lease listeners follow like after
     * any commit. See {@link org.leasehold.core.internal.lease.JournalLeaseStore#importLeases}.
     *
     * @param progress told how many leases are staged so far, then the total
     * @return the number of leases imported
     */
    int importLeases(List<Lease> leases, String origin, IntConsumer progress) throws IOException, InterruptedException;
}
