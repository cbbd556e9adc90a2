package org.leasehold.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigWarning;

/**
 * ISC flags Leasehold honours with one value: that value loads silently, the other is named in the
 * warnings with why, so dhcp:config-check shows it.
 */
class OneWayFlagsTest {

    @ParameterizedTest
    @CsvSource({"get-lease-hostnames, off, on, reverse DNS", "stash-agent-options, false, true, relay agent options"})
    void theHonouredValueIsSilentTheOtherIsNamed(String flag, String honoured, String other, String why) throws Exception {
        assertThat(ConfigParser.parse("t.conf", flag + " " + honoured + ";\n").warnings()).isEmpty();
        assertThat(ConfigParser.parse("t.conf", "\n" + flag + " " + other + ";\n").warnings()).singleElement()
                .satisfies(w -> {
                    assertThat(w.statement()).isEqualTo(flag);
                    assertThat(w.pos().line()).isEqualTo(2);
                    assertThat(w.message()).contains(why);
                });
    }

    @ParameterizedTest
    @CsvSource({"infinite-is-reserved", "server-id-check", "ping-check", "one-lease-per-client", "stash-agent-options"})
    void aValueThatIsNoBooleanIsAnErrorAtItsPlace(String flag) {
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", "\n" + flag + " maybe;\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.conf:2");
    }

    @ParameterizedTest
    @CsvSource({"server-id-check, off", "server-id-check, on", "ping-check, false", "infinite-is-reserved, on"})
    void bothValuesOfAnActedOnFlagLoadSilently(String flag, String value) throws Exception {
        assertThat(ConfigParser.parse("t.conf", flag + " " + value + ";\n").warnings()).isEmpty();
    }

    @Test
    void anExpressionForAOneWayFlagIsNamedWithTheValueActedOn() throws Exception {
        assertThat(ConfigParser.parse("t.conf", "stash-agent-options = true;\n").warnings()).singleElement()
                .satisfies(w -> {
                    assertThat(w.statement()).isEqualTo("stash-agent-options");
                    assertThat(w.message()).contains("acts as 'stash-agent-options off' whatever the expression gives");
                });
    }
}
