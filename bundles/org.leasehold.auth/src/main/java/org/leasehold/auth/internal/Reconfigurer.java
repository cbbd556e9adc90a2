package org.leasehold.auth.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.leasehold.api.PacketSender;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.HardwareAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@code dhcp:reconfig} runs (RFC 3203): the targets are the leases ACTIVE now whose client has a
 * key in {@code dhcpkey.conf} (a FORCERENEW is never sent unauthenticated), filtered by subnet, pool or
 * MAC. Because only leases still active are read from the store, after a restart only clients whose
 * leases outlived it are reached (the spec's rule). One run at a time; runs happen on a scheduler
 * thread of this component, never on the packet path.
 */
@Component(configurationPid = AuthConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Reconfigurer.class)
public final class Reconfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(Reconfigurer.class);

    /** Which leases a run reaches; null fields match everything. */
    public record Filter(String subnet, String pool, HardwareAddress mac) {
        boolean matches(Lease l) {
            return (subnet == null || subnet.equals(l.subnet())) && (pool == null || pool.equals(l.pool()))
                && (mac == null || mac.equals(l.hardware()));
        }
    }

    private final AuthService auth;
    private final PacketSender sender;
    private final LeaseStore leases;
    private final ServerInfo server;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leasehold-auth-reconfig");
        t.setDaemon(true);
        return t;
    });
    private volatile ReconfigRun current;

    @Activate
    public Reconfigurer(@Reference AuthService auth, @Reference PacketSender sender, @Reference LeaseStore leases,
            @Reference ServerInfo server) {
        this.auth = auth;
        this.sender = sender;
        this.leases = leases;
        this.server = server;
    }

    /** A level or setting change is read from {@link AuthService} per packet: stay bound, never re-activate. */
    @Modified
    void modified() {
        // nothing: a re-activation would leave a moment without the handler
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    /** The run in progress or the last one. */
    public Optional<ReconfigRun> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Starts a run over the matching active leases, with the configured batch size, pacing and timeout.
     *
     * @return the new run, or empty when one is still in progress
     */
    public synchronized Optional<ReconfigRun> start(Filter filter, List<String> skipped) {
        if (current != null && !current.finished()) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis() / 1000;
        List<ReconfigRun.Target> targets = new ArrayList<>();
        for (Lease l : leases.all()) {
            if (l.state() != LeaseState.ACTIVE || l.endedAt(now) || !filter.matches(l)) {
                continue;
            }
            Optional<ClientSecret> key = auth.keys().lookup(l.client(), l.hardware());
            if (key.isEmpty()) {
                auth.counters().count("reconfig.skipped.no-key");
                skipped.add(l.key().address().getHostAddress() + ": no key in dhcpkey.conf, not sent");
                continue;
            }
            targets.add(new ReconfigRun.Target(l, key.get(), serverId(l)));
        }
        AuthConfig c = auth.config();
        ReconfigRun run = new ReconfigRun(targets, auth, sender, scheduler, c.reconfigThreshold(),
                c.reconfigIntervalMillis(), c.reconfigTimeoutMillis());
        current = run;
        LOG.info("Reconfiguration of {} client(s) started ({} skipped without a key)", targets.size(), skipped.size());
        run.start().thenRun(() -> LOG.info("Reconfiguration finished: {}", run.progress()));
        return Optional.of(run);
    }

    /** The server's listening address in the lease's subnet, else its first address that is not loopback. */
    private Inet4Address serverId(Lease l) {
        String listen = server.status().getOrDefault("listen", "");
        String addresses = listen.contains(" ") ? listen.substring(0, listen.indexOf(' ')) : listen;
        Inet4Address fallback = null;
        for (String a : addresses.split(",")) {
            try {
                InetAddress ia = InetAddress.getByName(a.strip());
                if (!(ia instanceof Inet4Address v4) || v4.isLoopbackAddress() || v4.isAnyLocalAddress()) {
                    continue;
                }
                if (inSubnet(v4, l.subnet())) {
                    return v4;
                }
                fallback = fallback == null ? v4 : fallback;
            } catch (UnknownHostException e) {
                LOG.debug("listen address {} not an address", a);
            }
        }
        return fallback != null ? fallback : l.key().address();
    }

    static boolean inSubnet(Inet4Address a, String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        try {
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            long net = org.leasehold.api.config.AddressRange.value((Inet4Address) InetAddress.getByName(cidr.substring(0, slash)));
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            return (org.leasehold.api.config.AddressRange.value(a) & mask) == (net & mask);
        } catch (UnknownHostException | NumberFormatException | ClassCastException e) {
            return false;
        }
    }
}
