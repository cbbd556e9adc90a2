package org.leasehold.option82.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.option82.internal.Option82Config;
import org.leasehold.option82.internal.Option82Handler;

class Option82TestCommandTest {

    private static Option82Handler handler() {
        Option82Config config = new Option82Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Option82Config.class;
            }

            @Override
            public int warnIntervalSeconds() {
                return 60;
            }
        };
        return new Option82Handler(config, Map.of("rule.1.circuit-id", "text (?<iface>[a-z]+)(?<unit>\\d+)",
                "rule.1.output.circuit-id", "{iface}.{unit}"));
    }

    private static String run(Option82Handler h, String hex) {
        Option82TestCommand c = new Option82TestCommand();
        c.handler = h;
        c.hex = hex;
        return c.run();
    }

    @Test
    void showsFieldsAndRebuiltIds() {
        String out = run(handler(), "01:04:72:65:6c:30");
        assertThat(out).contains("rule       rule1").contains("field      iface = rel").contains("circuit-id rel.0")
                .contains("packets so far: identified 0, no rule 0, unparseable 0");
    }

    @Test
    void acceptsTheWholeOptionWithItsHeader() {
        assertThat(run(handler(), "5206010472656c30")).contains("circuit-id rel.0");
    }

    @Test
    void reportsUnparseableAndUnconfigured() {
        assertThat(run(handler(), "0105ff")).startsWith("unparseable: malformed option 82");
        assertThat(run(null, "010472656c30")).contains("not configured");
        assertThat(run(handler(), "zz")).startsWith("Bad input");
    }
}
