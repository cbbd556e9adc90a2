package org.leasehold.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.leasehold.core.internal.alloc.PoolStat;
import org.junit.jupiter.api.Test;

class PoolStatsCommandTest {

    private final List<PoolStat> stats = List.of(new PoolStat("10.0.0.0/16", "10.0.0.0/16#1", "A", 50, 10, 2),
            new PoolStat("10.0.0.0/16", "10.0.0.0/16#2", "B", 100, 0, 0));

    @Test
    void tableShowsFreeAndUsedPercentage() {
        String out = PoolStatsCommand.render(stats, false);

        assertThat(out).contains("Subnet").contains("10.0.0.0/16#1").contains("38").contains("24");
    }

    @Test
    void jsonIsOneObjectPerPool() {
        String out = PoolStatsCommand.render(stats, true);

        assertThat(out).startsWith("[{\"subnet\":\"10.0.0.0/16\",\"pool\":\"10.0.0.0/16#1\",\"space\":\"A\",\"size\":50,"
                + "\"busy\":10,\"abandoned\":2,\"free\":38}").endsWith("}]\n");
    }
}
