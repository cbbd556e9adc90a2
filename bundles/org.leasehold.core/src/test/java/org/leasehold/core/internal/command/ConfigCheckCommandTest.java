package org.leasehold.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigCheckCommandTest {

    private static Path resource(String name) throws Exception {
        return Path.of(ConfigCheckCommandTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    void goodFileReportsSummaryPoolsAndWarnings() throws Exception {
        ConfigCheckCommand.Result r = ConfigCheckCommand.check(resource("own/spec-overlap.conf"));

        assertThat(r.ok()).isTrue();
        assertThat(r.text()).startsWith("OK ").contains("1 subnets, 3 pools (300 addresses)")
                .contains("pool 10.0.0.0/16#2 space \"B\" [10.0.0.1-10.0.0.100]")
                .contains("WARNING ").contains("spec-overlap.conf:20:17: mask");
    }

    @Test
    void badFileReportsEveryErrorWithPosition() throws Exception {
        ConfigCheckCommand.Result r = ConfigCheckCommand.check(resource("bad/overlap-same-space.conf"));

        assertThat(r.ok()).isFalse();
        assertThat(r.text()).startsWith("ERROR ").contains("overlap-same-space.conf:6:11");
    }

    @Test
    void missingFileIsAnErrorNotACrash() {
        ConfigCheckCommand.Result r = ConfigCheckCommand.check(Path.of("/nonexistent/dhcpd.conf"));

        assertThat(r.ok()).isFalse();
        assertThat(r.text()).contains("/nonexistent/dhcpd.conf:1:1");
    }
}
