package org.leasehold.itests.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.itests.support.Distribution;
import org.leasehold.itests.support.LoopbackRelay;

/**
 * The server is SIGKILLed while clients are being granted leases, three times over; after each
 * restart every lease whose ACK a client received is in the lease table. The ACKs are recorded on the
 * client side, so the test trusts nothing the server says about itself before the crash.
 */
class ServerCrashIT {

    private static final int CLIENTS = 6;
    private static final int ACKS_PER_ROUND = 80;
    private static final int ROUNDS = 3;
    private static final String CONF = """
            authoritative;
            default-lease-time 3600;
            max-lease-time 7200;
            subnet 127.0.0.0 netmask 255.0.0.0 {
            }
            subnet 198.18.0.0 netmask 255.255.0.0 {
              option routers 198.18.0.1;
              range 198.18.1.0 198.18.7.255;
            }
            """;

    @Test
    void everyAcknowledgedLeaseSurvivesSigkillDuringLoad(@TempDir Path work) throws Exception {
        Map<String, String> acked = new ConcurrentHashMap<>();
        try (Distribution dist = Distribution.unpack(work, List.of())) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0)) {
                port = probe.getLocalPort();
            }
            dist.editConfig("etc/org.leasehold.core.cfg", "port", Integer.toString(port));
            dist.writeFile("etc/dhcpd.conf", CONF);
            for (int round = 1; round <= ROUNDS; round++) {
                dist.start();
                assertEveryAckPresent(dist, acked);
                loadThenKill(dist, port, round, acked);
            }
            dist.start();
            assertThat(acked).hasSizeGreaterThanOrEqualTo(ROUNDS * ACKS_PER_ROUND);
            assertEveryAckPresent(dist, acked);
        }
    }

    /** Every lease a client saw ACKed is in the lease table, active, for the same client. */
    private static void assertEveryAckPresent(Distribution dist, Map<String, String> acked) throws Exception {
        String table = dist.console("dhcp:lease-list --state active --limit 100000").assertSuccess().output()
                .toLowerCase(Locale.ROOT);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : acked.entrySet()) {
            boolean present = table.lines().anyMatch(l -> l.contains(e.getValue() + " ") && l.contains(e.getKey()));
            if (!present) {
                missing.add(e.getValue() + " " + e.getKey());
            }
        }
        assertThat(missing).as("ACKed leases missing after SIGKILL and restart").isEmpty();
    }

    private static void loadThenKill(Distribution dist, int port, int round, Map<String, String> acked)
            throws Exception {
        int target = round * ACKS_PER_ROUND;
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int t = 0; t < CLIENTS; t++) {
            int thread = t;
            pool.submit(() -> clientLoop(port, round, thread, running, acked));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (acked.size() < target && System.nanoTime() < deadline) {
            pool.awaitTermination(20, TimeUnit.MILLISECONDS);
        }
        // SIGKILL while the clients are still mid-exchange.
        ProcessHandle server = dist.process().toHandle();
        server.destroyForcibly();
        server.onExit().get(60, TimeUnit.SECONDS);
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acked.size()).as("ACKs before the kill in round " + round).isGreaterThanOrEqualTo(target);
    }

    private static Object clientLoop(int port, int round, int thread, AtomicBoolean running, Map<String, String> acked)
            throws Exception {
        try (LoopbackRelay client = new LoopbackRelay(port, "198.18.0.1", 2000)) {
            for (int n = 0; running.get(); n++) {
                byte[] mac = {0x02, 0x0c, (byte) round, (byte) thread, (byte) (n >> 8), (byte) n};
                int xid = (round << 24) | (thread << 16) | n;
                client.dora(mac, xid).ifPresent(a -> acked.put(LoopbackRelay.macText(mac), a.yiaddr().getHostAddress()));
            }
        }
        return null;
    }
}
