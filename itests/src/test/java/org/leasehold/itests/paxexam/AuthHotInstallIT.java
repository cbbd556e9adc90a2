package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Feature {@code leasehold-auth} installed into a running server: without its configuration nothing
 * changes on the wire; configured at level 1 an unauthenticated DISCOVER is dropped (and counted in
 * {@code dhcp:status}); uninstalled, the same DISCOVER is answered again. The core never restarts and
 * a lease granted before stays active throughout.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthHotInstallIT extends LeaseholdTestSupport {

    private static final String LEASED_MAC = "02:00:00:00:15:99";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final Set<Integer> answered = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Integer> arrivals = new LinkedBlockingQueue<>();

    @Configuration
    public Option[] config() {
        return baseConfiguration();
    }

    @Test
    public void authenticationComesAndGoesWithItsFeatureAndNoLeaseIsLost() throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PacketHandler.HOOK, "SEND");
        props.put(PacketHandler.ORDER, 10);
        props.put(PacketHandler.NAME, "itest-answer-recorder");
        PacketHandler recorder = ctx -> {
            answered.add(ctx.request().xid());
            arrivals.add(ctx.request().xid());
            return Verdict.CONTINUE;
        };
        ServiceRegistration<PacketHandler> reg = bundleContext.registerService(PacketHandler.class, recorder, props);
        Bundle core = bundle("org.leasehold.core");
        long coreStarted = core.getLastModified();
        try {
            int port = serverPort();
            String probe = executeCommand("dhcp:probe --relay 198.51.100.1 --mac " + LEASED_MAC);
            assertActiveLease(probe);
            assertTrue("answered before install", answeredWithin(port, 1));

            featuresService.installFeature("leasehold-auth");
            await("auth commands", () -> command("dhcp:auth-level").contains("not configured"));
            assertTrue("answered while installed but not configured", answeredWithin(port, 2));

            Dictionary<String, Object> cfg = new Hashtable<>();
            cfg.put("level", 1);
            configurationAdmin.getConfiguration("org.leasehold.auth", null).update(cfg);
            await("level 1", () -> command("dhcp:auth-level").contains("authentication level 1"));
            // the handlers register a moment after the level shows: wait until drops are counted
            await("the unauthenticated DISCOVER counted as rejected", () -> {
                sendQuietly(port, 3);
                return rejected() > 0;
            });
            long before = rejected();
            send(port, 5);
            await("DISCOVER 5 counted as rejected", () -> rejected() == before + 1);
            assertTrue("a dropped DISCOVER never reaches SEND", !answered.contains(xid(5)));

            featuresService.uninstallFeature("leasehold-auth");
            await("auth commands gone", () -> !command("dhcp:status").contains("auth.level"));
            assertTrue("answered after uninstall", answeredWithin(port, 4));

            assertEquals("core never restarted", Bundle.ACTIVE, core.getState());
            assertEquals(coreStarted, core.getLastModified());
            assertActiveLease(probe);
        } finally {
            configurationAdmin.getConfiguration("org.leasehold.auth", null).delete();
            reg.unregister();
        }
    }

    private static int xid(int n) {
        return 0x0a150000 + n;
    }

    /** auth.rejected.no-auth from dhcp:status, 0 when absent. */
    private long rejected() {
        return command("dhcp:status").lines().map(String::strip).filter(l -> l.startsWith("auth.rejected.no-auth"))
                .map(l -> Long.parseLong(l.replaceAll("\\D*(\\d+)$", "$1").replaceAll(".*\\D", "")))
                .findFirst().orElse(0L);
    }

    private void sendQuietly(int port, int n) {
        try {
            send(port, n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(int port, int n) throws Exception {
        byte[] mac = {0x02, 0x00, 0x00, 0x00, 0x16, (byte) n};
        DhcpMessage discover = DhcpMessage.builder().op(1).htype(1).hlen(6).xid(xid(n))
                .chaddr(Arrays.copyOf(mac, 16)).giaddr((Inet4Address) InetAddress.getByName("198.51.100.1"))
                .messageType(MessageType.DISCOVER).build();
        byte[] wire = DhcpCodec.encode(discover);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(wire, wire.length, InetAddress.getByName("127.0.0.1"), port));
        }
    }

    /** Sends DISCOVER {@code n} (again every 3 s, UDP) until the pipeline reaches SEND with it, 30 s at most. */
    private boolean answeredWithin(int port, int n) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            send(port, n);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (!answered.contains(xid(n))) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || arrivals.poll(left, TimeUnit.NANOSECONDS) == null) {
                    break;
                }
            }
            if (answered.contains(xid(n))) {
                return true;
            }
        }
        return false;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        awaitArrivals(what, condition, arrivals, () -> "");
    }

    private void assertActiveLease(String probeOutput) throws Exception {
        String leases = executeCommand("dhcp:lease-list --mac " + LEASED_MAC);
        assertTrue("probe:\n" + probeOutput + "\nleases:\n" + leases,
                leases.toLowerCase(Locale.ROOT).contains("active"));
    }
}
