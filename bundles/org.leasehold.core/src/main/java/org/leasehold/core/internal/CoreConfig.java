package org.leasehold.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the server listens and where it reads its configuration. PID {@value #PID}, file
 * {@code etc/org.leasehold.core.cfg}. The defaults answer on loopback only, on an unprivileged port,
 * so a first start can never serve a real LAN.
 */
@ObjectClassDefinition(name = "Leasehold core", description = "Listening sockets and file locations")
public @interface CoreConfig {

    String PID = "org.leasehold.core";

    /**
     * Where to listen, comma-separated. An interface name, or an address of a non-loopback interface,
     * is served by a 0.0.0.0 socket bound to that interface (SO_BINDTODEVICE), so its broadcasts are
     * received and replies leave through it; a loopback address is bound as such (local tools);
     * 0.0.0.0 is one wildcard socket for every interface.
     */
    @AttributeDefinition(description = "Addresses or interface names to listen on, comma-separated; 0.0.0.0 means every interface")
    String[] listen() default {"127.0.0.1"};

    @AttributeDefinition(description = "UDP port for DHCP server traffic (67 on a real network)")
    int port() default 6767;

    @AttributeDefinition(description = "UDP port replies to clients are sent to (68 on a real network)")
    int clientPort() default 6768;

    @AttributeDefinition(description = "ISC dhcpd.conf dialect configuration file")
    String configFile() default "etc/dhcpd.conf";

    @AttributeDefinition(description = "Directory of the durable lease journal")
    String leaseDir() default "data/leasehold";

    @AttributeDefinition(description = "Event-loop threads (0 = one per core); each socket is served by one of them")
    int threads() default 0;

    @AttributeDefinition(description = "Seconds between two expiry sweeps (active leases past their end become expired)")
    int expirySweepSeconds() default 5;

    @AttributeDefinition(description = "Longest wait, in microseconds, for more lease commits to share one fsync when"
            + " commits arrive fast (0 = fsync each batch at once: lower ACK latency, more CPU per lease)")
    int commitDelayMicros() default 1000;

    @AttributeDefinition(description = "DHCP exchanges run through a scratch engine and journal at start, while the lease"
            + " journal replays, so the first clients are answered by warmed-up code (0 = none)")
    int rehearsalExchanges() default 20;

    @AttributeDefinition(description = "Overload shedding: once a socket has stayed this many datagrams behind (its"
            + " queue never empty between reads), its DISCOVERs are dropped unread until the queue drains, so REQUESTs"
            + " of clients already offered an address are answered first (counted as packets.shed-discover; 0 = never,"
            + " the default: in the restart-storm benchmark shedding cost more DISCOVERs than it saved REQUESTs)")
    int shedDiscoversAfter() default 0;

    @AttributeDefinition(description = "Whether the execute statements of dhcpd.conf on commit/release/expiry blocks run"
            + " their program (off by default: they are skipped, counted as events.execute-disabled). Programs run one"
            + " at a time on a thread of their own, after the lease is stored and the reply sent")
    boolean eventsExecute() default false;

    @AttributeDefinition(description = "Seconds an execute program may run before it and its children are killed")
    int eventsExecuteTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Execute programs that may wait to run; more are dropped and counted as"
            + " events.execute-dropped")
    int eventsExecuteQueue() default 64;
}
