package org.leasehold.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the corpus (Debian's shipped dhcpd.conf, the dhcpd.conf(5) examples, our own) parses. */
class ConfigCorpusTest {

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(ConfigCorpusTest.class.getResource("/config").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".conf"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("bad"))
                    .sorted().toList();
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void parsesAndNamesWhatItIgnores(Path file) throws Exception {
        DhcpConfig config = ConfigParser.parse(file);

        assertThat(config.warnings()).allSatisfy(w -> {
            assertThat(w.statement()).isNotBlank();
            assertThat(w.pos().file()).endsWith(".conf");
            assertThat(w.pos().line()).isPositive();
        });
    }

    @org.junit.jupiter.api.Test
    void corpusIsNotEmpty() throws Exception {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(15);
    }
}
