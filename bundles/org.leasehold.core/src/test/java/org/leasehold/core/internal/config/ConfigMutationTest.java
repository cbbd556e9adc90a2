package org.leasehold.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import org.leasehold.core.internal.syntax.ConfigException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged versions of the corpus (characters dropped, doubled, replaced, text cut short) either
 * parse or fail with a {@link ConfigException} naming a position; nothing else escapes.
 */
class ConfigMutationTest {

    private static final String ALPHABET = "{};,()=\"\\#.:- \nabc019";

    @Test
    void damagedConfigsFailOnlyWithConfigException() throws Exception {
        List<Path> files = ConfigCorpusTest.corpus().toList();
        Random random = new Random(20261127L);
        int failures = 0;
        for (int round = 0; round < 3000; round++) {
            String text = Files.readString(files.get(random.nextInt(files.size())), StandardCharsets.UTF_8);
            String damaged = mutate(text, random);
            try {
                ConfigParser.parse("m.conf", damaged);
            } catch (ConfigException e) {
                failures++;
                // The parser's safety net turns defects into "could not read"; none may be hit.
                assertThat(e.problems()).as(damaged).allSatisfy(p -> {
                    assertThat(p.pos().file()).isNotEmpty();
                    assertThat(p.message()).doesNotContain("could not read the configuration");
                });
            }
        }
        assertThat(failures).as("mutations that broke the file").isGreaterThan(100);
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, sb.charAt(at));
                case 2 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }
}
