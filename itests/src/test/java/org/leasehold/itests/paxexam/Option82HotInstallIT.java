package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.message.SubOption;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.option82.Option82Attributes;
import org.leasehold.option82.Option82Identity;
import org.leasehold.option82.Option82Parser;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Hot-installing a vendor Option 82 parser changes the identity of the next relayed packet, and
 * uninstalling it reverts it, while the core bundle keeps running and its leases stay.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Option82HotInstallIT extends LeaseholdTestSupport {

    private static final String LEASED_MAC = "02:00:00:00:09:99";
    private static final byte[] CIRCUIT_ID = "dslam-7 eth 1/12:100".getBytes(StandardCharsets.US_ASCII);

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        String repo = "mvn:org.leasehold/leasehold-features/" + System.getProperty("leasehold.version") + "/xml/features";
        return OptionUtils.combine(baseConfiguration(), features(repo, "leasehold-option82"));
    }

    @Test
    public void vendorParserComesAndGoesWithItsFeature() throws Exception {
        Dictionary<String, Object> rules = new Hashtable<>();
        rules.put("rule.1.name", "dslams");
        rules.put("rule.1.circuit-id", "tr101");
        rules.put("rule.1.output.circuit-id", "{access-node}/{slot}/{port}");
        rules.put("rule.9.name", "generic");
        rules.put("rule.9.circuit-id", "text");
        configurationAdmin.getConfiguration("org.leasehold.option82", null).update(rules);

        BlockingQueue<Option82Identity> seen = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PacketHandler.HOOK, "CLASSIFY");
        props.put(PacketHandler.ORDER, 200);
        props.put(PacketHandler.NAME, "itest-identity-recorder");
        PacketHandler recorder = ctx -> {
            ctx.get(Option82Attributes.IDENTITY).ifPresent(seen::add);
            return Verdict.CONTINUE;
        };
        ServiceRegistration<PacketHandler> reg = bundleContext.registerService(PacketHandler.class, recorder, props);
        Bundle core = bundle("org.leasehold.core");
        long coreStarted = core.getLastModified();
        try {
            int port = serverPort();
            String probe = executeCommand("dhcp:probe --relay 198.51.100.1 --mac " + LEASED_MAC);
            assertActiveLease(probe);

            Option82Identity before = exchange(port, seen, 1);
            assertEquals("generic", before.rule());

            featuresService.installFeature("leasehold-option82-tr101");
            awaitParser("tr101", true);
            Option82Identity during = exchange(port, seen, 2);
            assertEquals("dslams", during.rule());
            assertEquals("dslam-7/1/12", during.circuitId().orElse(""));

            featuresService.uninstallFeature("leasehold-option82-tr101");
            awaitParser("tr101", false);
            Option82Identity after = exchange(port, seen, 3);
            assertEquals("generic", after.rule());

            assertEquals("core never restarted", Bundle.ACTIVE, core.getState());
            assertEquals(coreStarted, core.getLastModified());
            assertActiveLease(probe);
        } finally {
            reg.unregister();
        }
    }

    /** Sends a relayed DISCOVER with the TR-101 circuit-id and waits for the identity the pipeline saw. */
    private Option82Identity exchange(int port, BlockingQueue<Option82Identity> seen, int n) throws Exception {
        seen.clear();
        byte[] mac = {0x02, 0x00, 0x00, 0x00, 0x08, (byte) n};
        DhcpMessage discover = DhcpMessage.builder().op(1).htype(1).hlen(6).xid(0x0820000 + n)
                .chaddr(Arrays.copyOf(mac, 16))
                .giaddr((Inet4Address) InetAddress.getByName("198.51.100.1"))
                .messageType(MessageType.DISCOVER)
                .option(RelayAgentInformation.of(List.of(new SubOption(1, CIRCUIT_ID))).toOption())
                .build();
        byte[] wire = DhcpCodec.encode(discover);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int attempt = 0; attempt < 10; attempt++) {
                socket.send(new DatagramPacket(wire, wire.length, InetAddress.getByName("127.0.0.1"), port));
                Option82Identity identity = seen.poll(3, TimeUnit.SECONDS);
                if (identity != null) {
                    return identity;
                }
            }
        }
        throw new AssertionError("the pipeline saw no option 82 identity for exchange " + n);
    }

    private void awaitParser(String format, boolean present) throws InterruptedException {
        ServiceTracker<Option82Parser, Option82Parser> tracker = new ServiceTracker<>(bundleContext, Option82Parser.class, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Object[] services = tracker.getServices();
                boolean found = services != null && Arrays.stream(services)
                        .anyMatch(s -> format.equals(((Option82Parser) s).format()));
                if (found == present) {
                    return;
                }
                tracker.waitForService(200);
                Thread.onSpinWait();
            }
        } finally {
            tracker.close();
        }
        throw new AssertionError("parser " + format + (present ? " never appeared" : " never went away"));
    }

    /** The lease granted by the probe is in the lease table, active. */
    private void assertActiveLease(String probeOutput) throws Exception {
        String leases = executeCommand("dhcp:lease-list --mac " + LEASED_MAC);
        assertTrue("probe:\n" + probeOutput + "\nleases:\n" + leases,
                leases.toLowerCase(java.util.Locale.ROOT).contains("active") && leases.contains("198.51.100."));
    }
}
