package org.leasehold.itests.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.itests.support.Distribution;

/**
 * The first boot of a fresh distribution refreshes none of Karaf's startup bundles. When the boot
 * feature install runs on the framework's start-level thread (Karaf does so whenever the features
 * service finds its dependencies ready at once), that thread holds the features service bundle's
 * lock while it waits for the install; an install that refreshes a bundle the features service
 * depends on (pax-logging-api, which the eventadmin feature would rewire) must stop the features
 * service too and waits for that lock forever. So the boot features must not rewire startup bundles.
 */
class FirstBootIT {

    /** Bundles of etc/startup.properties that a boot refresh could reach through their dependents. */
    private static final List<String> STARTUP = List.of("org.ops4j.pax.logging", "org.apache.karaf.features.core",
            "org.apache.felix.configadmin", "org.apache.felix.fileinstall", "org.apache.karaf.config.core");

    @TempDir
    Path work;

    @Test
    void aFreshDistributionBootsWithoutRefreshingStartupBundles() throws Exception {
        try (Distribution dist = Distribution.unpack(work, List.of())) {
            dist.start();
            List<String> refreshed = refreshedAtBoot(dist.home().resolve("data/log/karaf.log"));
            assertThat(String.join("\n", Files.readAllLines(dist.home().resolve("data/log/karaf.log"))))
                    .as("the boot installed its features").contains("Adding features");
            for (String bundle : refreshed) {
                assertThat(STARTUP).as("refreshed at boot: " + refreshed)
                        .noneMatch(startup -> bundle.startsWith(startup));
            }
        }
    }

    /** The bundles Karaf's deployer listed under "Refreshing bundles:" or "Stopping bundles:". */
    private static List<String> refreshedAtBoot(Path karafLog) throws Exception {
        List<String> bundles = new ArrayList<>();
        boolean inList = false;
        for (String line : Files.readAllLines(karafLog, StandardCharsets.UTF_8)) {
            String[] cols = line.split(" \\| ", 6);
            String message = cols.length == 6 ? cols[5] : "";
            if (message.equals("Refreshing bundles:") || message.equals("Stopping bundles:")) {
                inList = true;
            } else if (inList && message.startsWith("  ")) {
                bundles.add(message.trim());
            } else {
                inList = false;
            }
        }
        return bundles;
    }
}
