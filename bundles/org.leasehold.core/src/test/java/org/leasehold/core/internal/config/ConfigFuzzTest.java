package org.leasehold.core.internal.config;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigProblem;
import org.leasehold.core.internal.syntax.ConfigWarning;
import org.leasehold.core.internal.syntax.SourcePos;

/**
 * Coverage-guided fuzzing of the dhcpd.conf reader with Jazzer. The input is the text of a file
 * (UTF-8, malformed sequences replaced); libFuzzer mutates it with a dictionary of every keyword
 * and option name the reader and the option catalog know ({@code dhcpd-conf.dict}), starting from
 * the configuration corpus the other tests parse (Debian's, the dhcpd.conf(5) examples, our own, the
 * bad ones). Whatever the text, the reader returns a configuration or throws a
 * {@link ConfigException} whose every problem names a position inside the file; its safety net
 * ("could not read the configuration", a RuntimeException caught inside) counts as a finding. A
 * plain test run replays the seeds and the findings under ConfigFuzzTestInputs; benchmarks/fuzz.sh
 * fuzzes it (docs/fuzzing.md).
 */
class ConfigFuzzTest {

    private static final String NAME = "fuzz.conf";
    /** Includes resolve against the corpus folder, so the corpus's own includes work and stay put. */
    private static final Path BASE = corpusRoot();

    @MethodSource("corpus")
    @DictionaryFile(resourcePath = "dhcpd-conf.dict")
    @FuzzTest(maxDuration = "10m")
    void parseFailsOnlyWithPositionedConfigException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        DhcpConfig config;
        try {
            config = ConfigParser.parse(NAME, text, OptionResolvers.standard(), BASE);
        } catch (ConfigException e) {
            checkProblems(text, e.problems());
            return;
        }
        for (ConfigWarning w : config.warnings()) {
            checkPosition(text, w.pos(), w.toString());
        }
    }

    static void checkProblems(String text, List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new AssertionError("ConfigException without a problem");
        }
        for (ConfigProblem p : problems) {
            if (p.message() == null || p.message().isBlank()) {
                throw new AssertionError("problem without a message at " + p.pos());
            }
            if (p.message().contains("could not read the configuration")) {
                // The parser's safety net: a RuntimeException escaped the reader proper.
                throw new AssertionError("reader defect: " + p);
            }
            checkPosition(text, p.pos(), p.toString());
        }
    }

    private static void checkPosition(String text, SourcePos pos, String what) {
        if (pos == null || pos.file() == null || pos.file().isEmpty() || pos.line() < 1 || pos.column() < 1) {
            throw new AssertionError("no usable position: " + what);
        }
        if (pos.file().equals(NAME) && pos.line() > lines(text)) {
            throw new AssertionError("position past the end of the file (" + lines(text) + " lines): " + what);
        }
    }

    private static int lines(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Every .conf of the test corpus, good and bad. */
    static Stream<byte[]> corpus() throws IOException {
        try (Stream<Path> walk = Files.walk(BASE)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
            return files.stream().map(ConfigFuzzTest::read);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path corpusRoot() {
        try {
            return Path.of(ConfigFuzzTest.class.getResource("/config").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
