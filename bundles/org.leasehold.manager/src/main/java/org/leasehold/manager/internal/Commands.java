package org.leasehold.manager.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.leasehold.api.FailoverControl;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.HardwareAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands of an authenticated connection (docs/manager-protocol.md, "Commands"). An argument
 * error is answered {@code ERR bad-request} and the connection stays. Thread-safe (no state of its
 * own); each call runs on its connection's thread.
 */
final class Commands {

    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    private static final long FAILOVER_TIMEOUT_SECONDS = 10;

    private final ConfigurationService config;
    private final LeaseStore store;
    private final ServerInfo info;
    private final Supplier<FailoverControl> failover;
    private final int pageSize;

    Commands(ConfigurationService config, LeaseStore store, ServerInfo info, Supplier<FailoverControl> failover,
            int pageSize) {
        this.config = config;
        this.store = store;
        this.info = info;
        this.failover = failover;
        this.pageSize = pageSize;
    }

    void execute(Request r, Reply reply) throws IOException {
        try {
            switch (r.command()) {
                case "status" -> { only(r, Set.of()); reply.ok("", info.status()); }
                case "reconfigure" -> reconfigure(r, reply);
                case "fetch" -> fetch(r, reply);
                case "query" -> query(r, reply);
                case "partnerdown" -> partnerDown(r, reply);
                case "update" -> update(r, reply);
                default -> reply.error("unknown-command", "no command '" + r.command()
                        + "' (status, reconfigure, fetch, query, partnerdown, update, quit)");
            }
        } catch (IllegalArgumentException e) {
            reply.error("bad-request", e.getMessage());
        }
    }

    private static void only(Request r, Set<String> allowed) {
        for (String name : r.args().keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("'" + r.command() + "' takes no argument '" + name + "'");
            }
        }
    }

    /** With a body: that text becomes dhcpd.conf; without: the file placed by the manager is re-read. */
    private void reconfigure(Request r, Reply reply) throws IOException {
        only(r, Set.of());
        boolean text = !r.body().isBlank();
        List<ConfigProblem> problems = text ? config.apply(r.body()) : config.reload();
        if (problems.isEmpty()) {
            LOG.info("Server Manager: {} is in force", text ? "the configuration sent" : "the re-read dhcpd.conf");
            reply.ok("in force", Map.of("config", config.current().source()));
        } else {
            LOG.warn("Server Manager: configuration refused, {} problem(s), first: {}; the previous one keeps serving",
                    problems.size(), problems.get(0));
            reply.error("config-refused", problems.size() + " problem(s); the configuration in force is unchanged",
                    problems.stream().map(ConfigProblem::toString).toList());
        }
    }

    /** Every matching lease, {@code pageSize} a frame, walking the store in place. */
    private void fetch(Request r, Reply reply) throws IOException {
        Set<String> allowed = new java.util.HashSet<>(LeaseFilter.NAMES);
        allowed.add("limit");
        only(r, allowed);
        long limit = r.arg("limit") == null ? Long.MAX_VALUE : number(r.arg("limit"), "limit");
        Predicate<Lease> filter = LeaseFilter.of(r.args());
        long sent = 0;
        StringBuilder page = new StringBuilder(pageSize * 160);
        int inPage = 0;
        try (Stream<Lease> leases = store.stream()) {
            Iterator<Lease> it = leases.filter(filter).iterator();
            while (sent < limit && it.hasNext()) {
                LeaseLines.append(it.next(), page);
                sent++;
                if (++inPage == pageSize) {
                    flushPage(reply, page, inPage);
                    inPage = 0;
                }
            }
        }
        if (inPage > 0) {
            flushPage(reply, page, inPage);
        }
        reply.ok("count=" + sent);
    }

    private static void flushPage(Reply reply, StringBuilder page, int n) throws IOException {
        page.insert(0, "LEASES " + n + "\n");
        reply.frame(page);
        page.setLength(0);
    }

    private static long number(String text, String name) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a number >= 0, not '" + text + "'");
    }

    /** One lease by {@code ip}, {@code mac} or {@code client-id} (exactly one), in {@code space}. */
    private void query(Request r, Reply reply) throws IOException {
        only(r, Set.of("ip", "mac", "client-id", "space"));
        String space = Optional.ofNullable(r.arg("space")).orElse(LeaseKey.DEFAULT_SPACE);
        long given = r.args().keySet().stream().filter(k -> !k.equals("space")).count();
        if (given != 1) {
            throw new IllegalArgumentException("query takes exactly one of ip=, mac=, client-id=");
        }
        Optional<Lease> lease;
        String what;
        if (r.arg("ip") != null) {
            what = "address " + r.arg("ip");
            lease = store.get(new LeaseKey(space, LeaseFilter.address(r.arg("ip"))));
        } else if (r.arg("client-id") != null) {
            what = "client-id " + r.arg("client-id");
            lease = store.findByClient(space, LeaseFilter.clientId(r.arg("client-id")));
        } else {
            what = "hardware address " + r.arg("mac");
            lease = byMac(space, LeaseFilter.mac(r.arg("mac")));
        }
        if (lease.isEmpty()) {
            reply.error("not-found", "no lease for " + what + (space.isEmpty() ? "" : " in space " + space));
        } else {
            reply.frame(LeaseLines.append(lease.get(), new StringBuilder("OK\n")));
        }
    }

    /**
     * The lease of a client known by its hardware address: its own key when it sent no client
     * identifier (htype + chaddr), else a walk of the table, preferring an active lease, then the latest end.
     */
    private Optional<Lease> byMac(String space, HardwareAddress mac) {
        Optional<Lease> direct = store.findByClient(space, ClientKey.ofHardware(mac.htype(), mac.bytes()));
        if (direct.isPresent()) {
            return direct;
        }
        try (Stream<Lease> leases = store.stream()) {
            return leases.filter(l -> l.key().space().equals(space) && mac.equals(l.hardware()))
                    .max(java.util.Comparator.comparing((Lease l) -> l.state() == LeaseState.ACTIVE)
                            .thenComparingLong(Lease::endEpochSecond));
        }
    }

    private void partnerDown(Request r, Reply reply) throws IOException {
        only(r, Set.of("peer"));
        FailoverControl fc = failover.get();
        if (fc == null) {
            reply.error("unavailable", "failover is not installed (feature leasehold-failover)");
            return;
        }
        String peer = peer(r, fc);
        if (peer != null) {
            answer(reply, () -> fc.partnerDown(peer).toCompletableFuture());
        } else {
            reply.error("bad-request", "name the relationship: peer= one of " + fc.peers());
        }
    }

    private void update(Request r, Reply reply) throws IOException {
        only(r, Set.of("peer", "all"));
        FailoverControl fc = failover.get();
        if (fc == null) {
            reply.error("unavailable", "failover is not installed (feature leasehold-failover)");
            return;
        }
        String all = Optional.ofNullable(r.arg("all")).orElse("no");
        if (!all.equals("yes") && !all.equals("no")) {
            throw new IllegalArgumentException("all= is yes or no, not '" + all + "'");
        }
        String peer = peer(r, fc);
        if (peer != null) {
            answer(reply, () -> fc.requestUpdates(peer, all.equals("yes")).toCompletableFuture());
        } else {
            reply.error("bad-request", "name the relationship: peer= one of " + fc.peers());
        }
    }

    /** The named peer, or the only one when none is named; null when that is ambiguous. */
    private static String peer(Request r, FailoverControl fc) {
        if (r.arg("peer") != null) {
            return r.arg("peer");
        }
        List<String> peers = fc.peers();
        return peers.size() == 1 ? peers.get(0) : null;
    }

    private static void answer(Reply reply, Supplier<java.util.concurrent.CompletableFuture<String>> action)
            throws IOException {
        try {
            reply.ok("", Map.of("result", action.get().get(FAILOVER_TIMEOUT_SECONDS, TimeUnit.SECONDS)));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String code = c instanceof NoSuchElementException ? "not-found"
                    : c instanceof IllegalStateException ? "refused" : "internal";
            reply.error(code, String.valueOf(c.getMessage()));
        } catch (TimeoutException e) {
            reply.error("internal", "the failover relationship did not answer within " + FAILOVER_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
