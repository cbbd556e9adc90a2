package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * {@code leasehold-ddns} in the real distribution: its bundle active, inert while dhcpd.conf has no
 * DDNS (no packet handler bound), its handlers bound once a configuration switches DDNS on, and gone
 * again when it switches off; a {@code secure-ddns} configuration with a keyless zone refused at its line.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DdnsFeatureIT extends LeaseholdTestSupport {

    @Configuration
    public Option[] config() {
        String repo = "mvn:org.leasehold/leasehold-features/" + System.getProperty("leasehold.version") + "/xml/features";
        return OptionUtils.combine(baseConfiguration(), features(repo, "leasehold-ddns"));
    }

    @Test
    public void inertUntilConfiguredThenOnThenOff() throws Exception {
        Bundle ddns = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.leasehold.ddns".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, ddns.getState());
        ConfigurationService config = awaitService(ConfigurationService.class);
        String original = Files.readString(Path.of(config.current().source()), StandardCharsets.UTF_8);

        awaitOutput("dhcp:ddns-status", "style = none", true);
        assertFalse(executeCommand("dhcp:pipeline").contains("ddns-fqdn"));

        String on = "ddns-update-style standard;\nsecure-ddns true;\nddns-domainname \"example.test\";\n"
                + "key k { algorithm hmac-sha256; secret \"jV8UBoRLHfFrX01ZiojHlZuhgyrT3K1MGmwPxHt6364=\"; };\n"
                + "zone example.test { primary 127.0.0.1; key k; }\n";
        List<ConfigProblem> refused = config.check("dhcpd.conf", on + "zone other.test { primary 127.0.0.1; }\n"
                + original);
        assertEquals(1, refused.size());
        assertEquals("dhcpd.conf:6:1: secure-ddns is on, but zone other.test has no key: every update must be"
                + " TSIG-signed", refused.get(0).toString());

        assertTrue(config.apply(on + original).isEmpty());
        awaitOutput("dhcp:pipeline", "ddns-fqdn", true);
        assertTrue(executeCommand("dhcp:ddns-status").contains("style = standard"));

        assertTrue(config.apply(original).isEmpty());
        awaitOutput("dhcp:pipeline", "ddns-fqdn", false);
    }

    private void awaitOutput(String command, String text, boolean present) throws Exception {
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = executeCommand(command);
            if (out.contains(text) == present) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(command + (present ? " never showed " : " still shows ") + text + ":\n" + out);
    }
}
