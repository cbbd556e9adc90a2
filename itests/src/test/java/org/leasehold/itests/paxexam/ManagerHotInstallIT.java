package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.testing.ManagerClient;
import org.leasehold.testing.ManagerClient.Reply;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code leasehold-manager} hot-installed into the running server, driven by the test manager client
 * against the real core: nothing listens until configured; then the wrong secret is refused, every
 * command answers, a bad reconfigure is refused at its line while the server keeps leasing, 100,000
 * leases of the real store are fetched page by page, partnerdown moves a real failover relationship,
 * a malformed frame closes its connection only; uninstalling closes the port and leaves the core as it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagerHotInstallIT extends LeaseholdTestSupport {

    private static final String SECRET = "itest-manager-secret";
    private static final int BULK = 100_000;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        // the reactor's jar, not the local repository's: `mvn verify` installs nothing there, so a clean
        // machine has none and an old checkout's may be stale
        return OptionUtils.combine(baseConfiguration(),
                CoreOptions.bundle(Path.of(System.getProperty("leasehold.testing.bundle")).toUri().toString()));
    }

    @Test
    public void managerDrivesTheRunningServer() throws Exception {
        Bundle core = bundle("org.leasehold.core");
        long coreStarted = core.getLastModified();
        ConfigurationService config = awaitService(ConfigurationService.class);
        String original = Files.readString(Path.of(config.current().source()));
        int port = freePort();
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);

        featuresService.installFeature("leasehold-manager");
        assertFalse("unconfigured, nothing listens", listening(at));
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("port", Integer.toString(port));
        settings.put("secret", SECRET);
        configurationAdmin.getConfiguration("org.leasehold.manager", null).update(settings);
        awaitListening(at, true);

        try (ManagerClient wrong = ManagerClient.connect(at, false, null)) {
            assertEquals('N', wrong.negotiated());
            assertEquals("ERR auth-failed wrong shared secret", wrong.auth("not-it").status());
            assertTrue(wrong.closedByServer());
        }
        try (ManagerClient c = ManagerClient.connect(at, false, null)) {
            assertTrue(c.auth(SECRET).ok());
            Reply status = c.call("status");
            assertTrue(status.lines().toString(), status.fields().containsKey("listen"));
            assertEquals("127.0.0.1:" + port + " (no TLS)", status.fields().get("manager.listen"));

            assertLease("02:00:00:00:0b:01");
            Reply byMac = c.call("query mac=02:00:00:00:0b:01");
            assertTrue(byMac.status() + byMac.lines(), byMac.ok());
            String ip = byMac.lines().get(0).split(" ")[0].substring(3);
            assertTrue(byMac.lines().get(0), byMac.lines().get(0).contains(" state=active "));
            assertTrue(c.call("query ip=" + ip).lines().get(0).contains("mac=02:00:00:00:0b:01"));

            Reply bad = c.call("reconfigure", original + "\nsubnet 198.18.0.0 netmask 255.255.0.0 {\n  bogus-statement 1;\n}\n");
            assertEquals(bad.status(), "config-refused", bad.code());
            assertTrue(bad.lines().toString(), bad.lines().get(0).matches(".*dhcpd\\.conf:\\d+:\\d+: .*"));
            assertEquals("the file in force is unchanged", original, Files.readString(Path.of(config.current().source())));
            assertLease("02:00:00:00:0b:02");
            Reply good = c.call("reconfigure", original + "\n# placed by the Server Manager\n");
            assertEquals(good.status() + good.lines(), "OK in force", good.status());
            assertTrue(Files.readString(Path.of(config.current().source())).contains("placed by the Server Manager"));
            assertLease("02:00:00:00:0b:03");

            fetchesTheWholeBulk(c);
            partnerDownMovesARealRelationship(c, original);
        }

        try (ManagerClient hostile = ManagerClient.raw(at)) {
            hostile.sendRaw(new byte[] {'N', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            assertTrue("a 2 GiB frame closes the connection", hostile.closedByServer());
        }
        try (ManagerClient c = ManagerClient.connect(at, false, null)) {
            assertTrue(c.auth(SECRET).ok());
            assertTrue(c.call("status").fields().get("manager.protocol-errors").equals("1"));
        }

        featuresService.uninstallFeature("leasehold-manager");
        awaitListening(at, false);
        assertEquals("core never restarted", Bundle.ACTIVE, core.getState());
        assertEquals(coreStarted, core.getLastModified());
        assertLease("02:00:00:00:0b:01");
    }

    /** 100,000 leases committed to the real store, fetched in frames of at most 500. */
    private void fetchesTheWholeBulk(ManagerClient c) throws Exception {
        LeaseStore store = awaitService(LeaseStore.class);
        List<CompletableFuture<Lease>> commits = new ArrayList<>(BULK);
        for (int i = 0; i < BULK; i++) {
            byte[] a = {(byte) 198, (byte) (18 + (i >> 16)), (byte) (i >> 8), (byte) i};
            byte[] mac = {2, 1, 0, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            Lease l = Lease.builder(new LeaseKey("itest-bulk", (java.net.Inet4Address) java.net.InetAddress.getByAddress(a)))
                    .state(LeaseState.ACTIVE).hardware(HardwareAddress.ethernet(mac)).start(1_795_000_000L)
                    .end(1_795_086_400L).hostname("bulk-" + i).subnet("198.18.0.0/15").build();
            commits.add(store.commit(l).toCompletableFuture());
        }
        CompletableFuture.allOf(commits.toArray(new CompletableFuture[0])).join();
        commits.clear();

        Set<String> ips = new HashSet<>();
        AtomicInteger frames = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        Reply done = c.fetch("space=itest-bulk state=active", l -> ips.add(l.split(" ")[0]), n -> {
            frames.incrementAndGet();
            largest.accumulateAndGet(n, Math::max);
        });
        assertEquals(done.status(), "OK count=" + BULK, done.status());
        assertEquals(BULK, ips.size());
        assertTrue("frames of at most 500 leases, got " + largest, largest.get() <= 500);
        assertTrue("streamed in many frames, got " + frames, frames.get() >= BULK / 500);
        assertEquals("OK count=0", c.fetch("space=itest-bulk state=expired", l -> { }, n -> { }).status());
    }

    private void partnerDownMovesARealRelationship(ManagerClient c, String original) throws Exception {
        assertEquals("unavailable", c.call("partnerdown peer=it").code());
        featuresService.installFeature("leasehold-failover");
        ConfigurationService config = awaitService(ConfigurationService.class);
        String shared = original.replace("  range 198.51.100.100 198.51.100.200;",
                "  pool {\n    failover peer \"it\";\n    range 198.51.100.100 198.51.100.200;\n  }")
                + "\nfailover peer \"it\" {\n  secondary;\n  address 127.0.0.1;\n  port " + freePort()
                + ";\n  peer address 127.0.0.2;\n  peer port " + freePort() + ";\n}\n";
        Reply placed = c.call("reconfigure", shared);
        assertEquals(placed.status() + placed.lines(), "OK in force", placed.status());
        awaitPartnerDownAvailable(c);
        Reply down = c.call("partnerdown peer=it");
        assertTrue(down.status() + down.lines(), down.ok());
        assertTrue(down.fields().get("result"), down.fields().get("result").contains("partner-down"));
        assertEquals("partner-down", c.call("status").fields().get("failover.it.state"));
        Reply update = c.call("update peer=it all=yes");
        assertEquals(update.status(), "refused", update.code());
        assertTrue(update.status(), update.status().contains("not connected"));
        assertEquals("not-found", c.call("partnerdown peer=nobody").code());
        assertEquals(List.of(), config.apply(original));
        featuresService.uninstallFeature("leasehold-failover");
    }

    /** The failover bundle registers its control as it activates: poll until the manager sees it. */
    private void awaitPartnerDownAvailable(ManagerClient c) throws Exception {
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        Reply r;
        do {
            r = c.call("status");
            if (r.fields().containsKey("failover.it.state")) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("failover never showed in status: " + r.lines());
    }

    private void assertLease(String mac) throws Exception {
        String probe = executeCommand("dhcp:probe --relay 198.51.100.1 --mac " + mac);
        String leases = executeCommand("dhcp:lease-list --mac " + mac).toLowerCase(Locale.ROOT);
        assertTrue("probe:\n" + probe + "\nleases:\n" + leases, leases.contains("active") && leases.contains("198.51.100."));
    }

    private static boolean listening(InetSocketAddress at) {
        try (Socket s = new Socket()) {
            s.connect(at, 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitListening(InetSocketAddress at, boolean expected) {
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (listening(at) == expected) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // poll interval, not a wait for time
        }
        throw new AssertionError(at + (expected ? " never listened" : " still listens"));
    }
}
