package org.leasehold.core.internal.transport;

import java.util.concurrent.atomic.LongAdder;

/** Datagrams in and out of a set of sockets. Thread-safe. */
final class SocketCounters {
    final LongAdder received = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder shedDiscovers = new LongAdder();
}
