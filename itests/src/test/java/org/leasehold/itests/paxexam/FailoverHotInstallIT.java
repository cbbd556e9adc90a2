package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * {@code leasehold-failover} hot-installed into a running server changes nothing until dhcpd.conf
 * declares a peer; a bad failover statement is refused at its line; a pool under a relationship
 * whose partner never came is not served (STARTUP/RECOVER do not answer); uninstalling the feature
 * leaves the core running with its leases.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FailoverHotInstallIT extends LeaseholdTestSupport {

    @Configuration
    public Option[] config() {
        return baseConfiguration();
    }

    @Test
    public void failoverComesAndGoesWithoutTouchingTheCore() throws Exception {
        Bundle core = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.leasehold.core".equals(b.getSymbolicName())).findFirst().orElseThrow();
        long coreStarted = core.getLastModified();
        ConfigurationService config = awaitService(ConfigurationService.class);
        String original = Files.readString(Path.of(config.current().source()));
        assertLease("02:00:00:00:0a:01", true);

        featuresService.installFeature("leasehold-failover");
        awaitOutput("dhcp:failover-status", "No failover peer is configured");
        assertLease("02:00:00:00:0a:02", true);

        List<ConfigProblem> bad = config.apply(original + "\nfailover peer \"it\" { secondary; peer address 127.0.0.2;"
                + " max-respone-delay 5; }\n");
        assertEquals(bad.toString(), 1, bad.size());
        assertTrue(bad.toString(), bad.get(0).toString().contains("unknown statement 'max-respone-delay'"));
        assertTrue(bad.get(0).position().line() > 1);

        int port = freePort();
        String shared = original.replace("  range 198.51.100.100 198.51.100.200;",
                "  pool {\n    failover peer \"it\";\n    range 198.51.100.100 198.51.100.200;\n  }")
                + "\nfailover peer \"it\" {\n  secondary;\n  address 127.0.0.1;\n  port " + port
                + ";\n  peer address 127.0.0.2;\n  peer port " + freePort() + ";\n}\n";
        assertEquals(List.of(), config.apply(shared));
        awaitOutput("dhcp:failover-status", "it.state");
        String status = executeCommand("dhcp:failover-status");
        assertTrue(status, status.matches("(?s).*it\\.state\\s+(startup|recover).*"));
        assertTrue(awaitService(ServerInfo.class).status().containsKey("failover.it.state"));
        assertLease("02:00:00:00:0a:03", false);

        assertEquals(List.of(), config.apply(original));
        awaitOutput("dhcp:failover-status", "No failover peer is configured");
        assertLease("02:00:00:00:0a:04", true);

        featuresService.uninstallFeature("leasehold-failover");
        assertEquals("core never restarted", Bundle.ACTIVE, core.getState());
        assertEquals(coreStarted, core.getLastModified());
        assertLease("02:00:00:00:0a:01", true);
        assertLease("02:00:00:00:0a:05", true);
    }

    /** A relayed probe for {@code mac}; then whether the lease table has it active, as expected. */
    private void assertLease(String mac, boolean expected) throws Exception {
        String probe = executeCommand("dhcp:probe --relay 198.51.100.1 --mac " + mac);
        String leases = executeCommand("dhcp:lease-list --mac " + mac).toLowerCase(Locale.ROOT);
        boolean active = leases.contains("active") && leases.contains("198.51.100.");
        if (expected) {
            assertTrue("probe:\n" + probe + "\nleases:\n" + leases, active);
        } else {
            assertFalse("probe:\n" + probe + "\nleases:\n" + leases, active);
        }
    }

    private void awaitOutput(String command, String text) throws Exception {
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = executeCommand(command);
            if (out.contains(text)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(command + " never showed '" + text + "':\n" + out);
    }
}
