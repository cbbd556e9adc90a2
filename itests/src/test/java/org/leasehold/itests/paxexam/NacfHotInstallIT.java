package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Feature {@code leasehold-nacf} installed into a running server, then configured, reconfigured and
 * uninstalled, against the project's CLF simulator (a separate JVM started from the distribution's
 * jar). Installed but unconfigured it does nothing; configured it connects and pushes the next lease;
 * {@code dhcp:nacf-resync} pushes the lease granted before it was installed; a new configuration
 * (sync mode) reconnects; uninstalled it disconnects. The core never restarts and no lease is lost.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NacfHotInstallIT extends LeaseholdTestSupport {

    private static final String EARLY_MAC = "02:00:00:00:1a:01";
    private static final String LATE_MAC = "02:00:00:00:1a:02";
    private static final String SECRET = "itest-secret";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final List<String> clf = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

    @Configuration
    public Option[] config() {
        return baseConfiguration();
    }

    @Test
    public void nacfComesAndGoesAtRunTimeAndNoLeaseIsLost() throws Exception {
        Bundle core = bundle("org.leasehold.core");
        long coreStarted = core.getLastModified();
        int clfPort = freePort();
        Process sim = startSimulator(clfPort);
        try {
            String early = leasedAddress(executeCommand("dhcp:probe --relay 198.51.100.1 --mac " + EARLY_MAC));

            featuresService.installFeature("leasehold-nacf");
            await("nacf commands", () -> command("dhcp:nacf-status").contains("not running"));

            Dictionary<String, Object> cfg = new Hashtable<>();
            cfg.put("clf.port", Integer.toString(clfPort));
            cfg.put("secret", SECRET);
            cfg.put("heartbeat.interval.ms", "500");
            configurationAdmin.getConfiguration("org.leasehold.nacf", null).update(cfg);
            await("connected", () -> command("dhcp:nacf-status").contains("state = connected"));
            await("simulator saw the NACF", () -> clf.stream().anyMatch(l -> l.startsWith("CONNECTED ")));

            String late = leasedAddress(executeCommand("dhcp:probe --relay 198.51.100.1 --mac " + LATE_MAC));
            await("attach of the new lease", () -> attached(late, ""));
            assertTrue("the lease from before install is not pushed by itself", !attached(early, ""));
            assertTrue(command("dhcp:nacf-resync").matches("(?s).*\\d+ attach\\(es\\) queued.*"));
            await("resync attach of the early lease", () -> attached(early, "reason=\"resync\""));

            cfg.put("mode", "sync");
            configurationAdmin.getConfiguration("org.leasehold.nacf", null).update(cfg);
            await("sync mode", () -> command("dhcp:nacf-status").contains("mode = sync"));
            await("reconnected", () -> clf.stream().filter(l -> l.startsWith("CONNECTED ")).count() == 2
                    && command("dhcp:nacf-status").contains("state = connected"));
            assertTrue(executeCommand("dhcp:probe --relay 198.51.100.1 --mac 02:00:00:00:1a:03").contains("REQUEST: ACK"));

            featuresService.uninstallFeature("leasehold-nacf");
            await("disconnected", () -> clf.stream().filter(l -> l.startsWith("DISCONNECTED ")).count() == 2);
            await("commands gone", () -> !command("dhcp:status").contains("nacf.state"));

            assertEquals("core never restarted", Bundle.ACTIVE, core.getState());
            assertEquals(coreStarted, core.getLastModified());
            for (String mac : List.of(EARLY_MAC, LATE_MAC)) {
                String leases = executeCommand("dhcp:lease-list --mac " + mac).toLowerCase(Locale.ROOT);
                assertTrue(mac + ":\n" + leases, leases.contains("active"));
            }
        } finally {
            configurationAdmin.getConfiguration("org.leasehold.nacf", null).delete();
            sim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private boolean attached(String ip, String extra) {
        return clf.stream().anyMatch(l -> l.startsWith("RECV ATTACH ") && l.contains("ip=" + ip + " ") && l.contains(extra));
    }

    private static String leasedAddress(String probe) {
        Matcher m = Pattern.compile("REQUEST: ACK yiaddr=(\\S+)").matcher(probe);
        assertTrue(probe, m.find());
        return m.group(1);
    }

    /** The simulator as an operator runs it: java -cp the NACF jar from the distribution's system folder. */
    private Process startSimulator(int port) throws Exception {
        Path dir = Path.of(System.getProperty("karaf.home"), "system/org/leasehold/org.leasehold.nacf");
        Path jar;
        try (Stream<Path> files = Files.walk(dir)) {
            jar = files.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", jar.toString(), "org.leasehold.nacf.internal.simulator.ClfSimulator",
                "--port", Integer.toString(port), "--secret", SECRET).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    clf.add(line);
                    arrivals.add(line);
                }
            } catch (IOException e) {
                clf.add("IOERROR " + e);
            }
        }, "clf-simulator-output");
        reader.setDaemon(true);
        reader.start();
        await("simulator listening", () -> clf.stream().anyMatch(l -> l.startsWith("LISTENING ")));
        return p;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        awaitArrivals(what, condition, arrivals, () -> "; simulator:\n" + String.join("\n", clf));
    }
}
