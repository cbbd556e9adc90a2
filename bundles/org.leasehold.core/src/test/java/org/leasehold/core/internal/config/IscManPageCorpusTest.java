package org.leasehold.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.core.internal.syntax.ConfigWarning;

/**
 * The man-page corpus: one configuration per section of dhcpd.conf(5), dhcp-options(5) and
 * dhcp-eval(5), using every statement, option and expression the section names. ISC dhcpd 4.4.3
 * ({@code dhcpd -t}, installed by itests/install-test-deps.sh) must accept each file, Leasehold must
 * read each, and what Leasehold reads without acting on is counted by owner: the capability features
 * (failover, DDNS, authentication), Leasehold's own configuration for ISC process settings, and the
 * statements still not implemented, listed here by name so that one more can never pass unnoticed.
 */
class IscManPageCorpusTest {

    private static final Path DHCPD = Path.of("/usr/sbin/dhcpd");

    /** Statements (or expression functions) of the man pages Leasehold reads but does not act on yet. */
    private static final Set<String> NOT_YET_IMPLEMENTED = Set.of();

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(IscManPageCorpusTest.class.getResource("/config/isc-corpus").toURI());
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void iscDhcpdAcceptsIt(Path file) throws Exception {
        assertThat(DHCPD).as("ISC dhcpd 4.4.3 (itests/install-test-deps.sh installs isc-dhcp-server)").isExecutable();
        Path out = Files.createTempFile("dhcpd-t", ".out");
        try {
            // -t parses and exits; relative includes resolve against the working directory, as Leasehold's do
            Process p = new ProcessBuilder(DHCPD.toString(), "-t", "-cf", file.getFileName().toString())
                    .directory(file.getParent().toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("dhcpd -t finished").isTrue();
            assertThat(p.exitValue()).as("dhcpd -t %s:%n%s", file, Files.readString(out, StandardCharsets.UTF_8))
                    .isZero();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void leaseholdReadsItAndNamesWhatItDoesNotActOn(Path file) throws Exception {
        DhcpConfig config = ConfigParser.parse(file);

        assertThat(config.warnings()).allSatisfy(w -> {
            assertThat(w.pos().line()).isPositive();
            assertThat(w.message()).isNotBlank();
        });
    }

    @Test
    void ignoredStatementsAreOnlyCapabilitiesProcessSettingsAndTheNamedRest() throws Exception {
        Map<StatementOwners.Owner, Set<String>> byOwner = new TreeMap<>();
        for (Path file : corpus().toList()) {
            for (ConfigWarning w : ConfigParser.parse(file).warnings()) {
                byOwner.computeIfAbsent(StatementOwners.owner(w.statement()), k -> new TreeSet<>()).add(w.statement());
            }
        }
        System.out.println("man-page corpus, statements read but not acted on, by owner: " + byOwner);

        Set<String> rest = byOwner.getOrDefault(StatementOwners.Owner.NONE, Set.of());
        assertThat(rest).as("not implemented and not listed").isSubsetOf(NOT_YET_IMPLEMENTED);
        assertThat(NOT_YET_IMPLEMENTED.stream().filter(s -> !rest.contains(s)).collect(Collectors.toSet()))
                .as("implemented now: remove from NOT_YET_IMPLEMENTED").isEmpty();
        // dhcpd.conf(5) lists two DHCPv6 parameters among the DHCPv4 ones
        assertThat(byOwner.getOrDefault(StatementOwners.Owner.DHCPV6, Set.of())).isSubsetOf("limit-addrs-per-ia",
                "release-on-roam");
        assertThat(byOwner.get(StatementOwners.Owner.FAILOVER)).contains("failover");
        assertThat(byOwner.get(StatementOwners.Owner.LEASEQUERY)).containsExactly("allow leasequery");
        assertThat(StatementOwners.message("allow leasequery")).contains("leasehold-leasequery");
        assertThat(byOwner.get(StatementOwners.Owner.DEPLOYMENT)).contains("log-facility", "lease-file-name");
        assertThat(StatementOwners.message("log-facility")).contains("etc/org.ops4j.pax.logging.cfg");
        assertThat(byOwner.get(StatementOwners.Owner.DEPLOYMENT)).contains("delayed-ack", "max-ack-delay");
        assertThat(StatementOwners.message("delayed-ack")).contains("group commit");
        assertThat(byOwner.get(StatementOwners.Owner.DDNS)).contains("key", "zone", "ddns-update-style",
                "allow client-updates");
    }

    @Test
    void everySectionHasAFile() throws Exception {
        List<String> names = corpus().map(p -> p.getParent().getFileName() + "/" + p.getFileName()).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(34)
                .contains("dhcpd.conf.5/parameters.conf", "dhcp-options.5/standard-dhcpv4-options.conf",
                        "dhcp-eval.5/data-expressions.conf", "dhcp-options.5/vendor-encapsulated-options.conf");
    }
}
