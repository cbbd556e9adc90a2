package org.leasehold.option82.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AlarmLogTest {

    @Test
    void oneWarningPerInterval() {
        AtomicLong clock = new AtomicLong(5_000);
        AlarmLog log = new AlarmLog(LoggerFactory.getLogger(Option82Handler.ALARM_LOGGER), 1_000, clock::get);

        assertThat(log.warn("bad option 82 {}", 1)).isTrue();
        assertThat(log.warn("bad option 82 {}", 2)).isFalse();
        clock.addAndGet(999);
        assertThat(log.warn("bad option 82 {}", 3)).isFalse();
        clock.addAndGet(1);
        assertThat(log.warn("bad option 82 {}", 4)).isTrue();
    }
}
