package org.leasehold.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.api.metrics.MetricsSource;

class AlarmRulesTest {

    private static final Map<String, String> POOL_A = Map.of("subnet", "198.18.0.0/16", "pool", "198.18.0.0/16#1",
            "space", "");
    private static final Map<String, String> POOL_B = Map.of("subnet", "198.51.100.0/24", "pool", "198.51.100.0/24#1",
            "space", "");

    private static Scrape scrape(long busyA, long busyB, long unparseable, long slow) {
        MetricsSource core = sink -> {
            sink.gauge("leasehold_pool_addresses", "", POOL_A, 4);
            sink.gauge("leasehold_pool_busy_addresses", "", POOL_A, busyA);
            sink.gauge("leasehold_pool_abandoned_addresses", "", POOL_A, 0);
            sink.gauge("leasehold_pool_addresses", "", POOL_B, 100);
            sink.gauge("leasehold_pool_busy_addresses", "", POOL_B, busyB);
            sink.gauge("leasehold_pool_abandoned_addresses", "", POOL_B, 0);
            sink.counter("leasehold_journal_slow_fsyncs_total", "", Map.of(), slow);
        };
        MetricsSource option82 = sink -> {
            sink.counter("leasehold_option82_packets_total", "", Map.of("outcome", "identified"), 7);
            sink.counter("leasehold_option82_packets_total", "", Map.of("outcome", "unparseable"), unparseable);
        };
        return Scrape.of(List.of(core, option82));
    }

    @Test
    void poolOverThresholdRaisesOnceAndClearsBelow() {
        AlarmRules rules = new AlarmRules();
        assertThat(rules.check(scrape(2, 0, 0, 0), 75)).isEmpty();
        List<Alarm> up = rules.check(scrape(3, 0, 0, 0), 75);
        assertThat(up).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alarm.POOL);
            assertThat(a.raised()).isTrue();
            assertThat(a.subject()).isEqualTo("198.18.0.0/16 pool 198.18.0.0/16#1");
            assertThat(a.message()).contains("75.0% in use (3 of 4 addresses), threshold 75%");
            assertThat(a.properties()).containsEntry("subnet", "198.18.0.0/16").containsEntry("used", 3L);
            assertThat(a.topic()).isEqualTo("org/leasehold/alarm/POOL_UTILISATION");
        });
        assertThat(rules.check(scrape(4, 0, 0, 0), 75)).as("still over: nothing new").isEmpty();
        assertThat(rules.check(scrape(1, 0, 0, 0), 75)).singleElement()
                .satisfies(a -> assertThat(a.raised()).isFalse());
    }

    @Test
    void serverLevelThresholdCountsAllPools() {
        AlarmRules rules = new AlarmRules();
        List<Alarm> alarms = rules.check(scrape(4, 50, 0, 0), 50);
        assertThat(alarms).extracting(Alarm::subject)
                .containsExactlyInAnyOrder("198.18.0.0/16 pool 198.18.0.0/16#1", "198.51.100.0/24 pool 198.51.100.0/24#1",
                        "server");
        assertThat(rules.check(scrape(4, 50, 0, 0), 0)).as("threshold 0 turns pool alarms off").isEmpty();
    }

    @Test
    void option82FailuresAndSlowFsyncsAlarmWhenTheyGrow() {
        AlarmRules rules = new AlarmRules();
        List<Alarm> first = rules.check(scrape(0, 0, 2, 1), 80);
        assertThat(first).extracting(Alarm::kind).containsExactly(Alarm.OPTION82, Alarm.SLOW_FSYNC);
        assertThat(first.get(0).properties()).containsEntry("count", 2L).containsEntry("total", 2L);
        assertThat(rules.check(scrape(0, 0, 2, 1), 80)).isEmpty();
        List<Alarm> more = rules.check(scrape(0, 0, 5, 1), 80);
        assertThat(more).singleElement().satisfies(a -> {
            assertThat(a.topic()).isEqualTo("org/leasehold/alarm/OPTION82_PARSE_FAILURE");
            assertThat(a.properties()).containsEntry("count", 3L).containsEntry("total", 5L);
        });
    }
}
