package org.leasehold.itests.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.itests.support.Commands;
import org.leasehold.itests.support.Distribution;

/**
 * Every feature of the Leasehold features descriptor, each installed alone in a fresh copy of the
 * distribution: afterwards every bundle is active (fragments resolved) and no DS component is left
 * unsatisfied for a missing reference or failed to activate. A capability that waits for its
 * configuration ({@code UNSATISFIED_CONFIGURATION}) is as designed: installing changes nothing on the
 * wire until it is configured. New features are picked up from the descriptor automatically.
 */
class FeatureInstallAloneIT {

    private static final Pattern FEATURE = Pattern.compile("<feature\\s+name=\"(leasehold-[^\"]+)\"");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Pattern COMPONENT_STATE = Pattern.compile("State:(\\w+)");
    private static final List<String> ACCEPTED_STATES = List.of("ACTIVE", "SATISFIED", "UNSATISFIED_CONFIGURATION");

    @TempDir
    Path work;

    static Stream<String> features() throws IOException {
        Path descriptor = Path.of(System.getProperty("leasehold.features", "../features/target/feature/feature.xml"));
        Matcher m = FEATURE.matcher(Files.readString(descriptor));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("features in " + descriptor).contains("leasehold-core", "leasehold-api", "leasehold-manager");
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("features")
    void installsAloneWithEveryBundleActiveAndEveryComponentSatisfied(String feature) throws Exception {
        try (Distribution dist = Distribution.unpack(work, List.of())) {
            dist.start();
            Commands.Result install = dist.console("feature:install " + feature);
            assertThat(install.exitCode()).as(install.output()).isZero();

            String installed = plain(dist.console("feature:list -i --no-format").assertSuccess().output());
            assertThat(installed).as("installed features").containsPattern("(?m)^" + Pattern.quote(feature) + "\\s");

            String bundles = plain(dist.console("bundle:list -t 0 --no-format").assertSuccess().output());
            for (String line : bundles.split("\n")) {
                String[] cols = line.split("\t");
                if (cols.length < 5 || !cols[0].trim().matches("\\d+")) {
                    continue;
                }
                String state = cols[1].trim();
                boolean fragment = line.contains("Hosts:");
                assertThat(fragment ? "Resolved" : "Active").as("state of bundle: " + line).isEqualTo(state);
            }

            String components = plain(dist.console("scr:list | grep State").assertSuccess().output());
            Matcher states = COMPONENT_STATE.matcher(components);
            int seen = 0;
            while (states.find()) {
                seen++;
                assertThat(states.group(1)).as("component states:\n" + components).isIn(ACCEPTED_STATES);
            }
            assertThat(seen).as("components listed:\n" + components).isPositive();
        }
    }

    private static String plain(String console) {
        return ANSI.matcher(console).replaceAll("");
    }
}
