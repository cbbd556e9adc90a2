package org.leasehold.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

    @Test
    void holdsBackRepeatsWithinTheIntervalPerKey() {
        AtomicLong clock = new AtomicLong(1_000);
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), 100, clock::get);

        assertThat(log.warn("h1", "first {}", 1)).isTrue();
        assertThat(log.warn("h1", "again {}", 2)).isFalse();
        assertThat(log.warn("h2", "other {}", 3)).isTrue();
        clock.addAndGet(100);
        assertThat(log.warn("h1", "later {}", 4)).isTrue();
    }
}
