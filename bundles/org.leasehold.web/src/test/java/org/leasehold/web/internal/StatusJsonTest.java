package org.leasehold.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasehold.api.metrics.MetricsSource;

class StatusJsonTest {

    @Test
    void showsPoolsLeasesPacketsCapabilitiesAndFailover() {
        Map<String, String> pool = Map.of("subnet", "198.18.0.0/16", "pool", "198.18.0.0/16#1", "space", "");
        MetricsSource source = sink -> {
            sink.gauge("leasehold_pool_addresses", "", pool, 3);
            sink.gauge("leasehold_pool_busy_addresses", "", pool, 1);
            sink.gauge("leasehold_pool_abandoned_addresses", "", pool, 1);
            sink.gauge("leasehold_pool_free_addresses", "", pool, 1);
            sink.gauge("leasehold_leases", "", Map.of("state", "active"), 2);
            sink.gauge("leasehold_leases", "", Map.of("state", "free"), 0);
            sink.counter("leasehold_datagrams_received_total", "", Map.of(), 10);
            sink.counter("leasehold_messages_received_total", "", Map.of("type", "DISCOVER"), 4);
            sink.counter("leasehold_messages_dropped_total", "", Map.of("reason", "decode"), 1);
            sink.gauge("leasehold_failover_state", "", Map.of("peer", "dhcp-failover"), 2);
            sink.gauge("leasehold_failover_partner_state", "", Map.of("peer", "dhcp-failover"), 254);
            sink.gauge("leasehold_failover_connected", "", Map.of("peer", "dhcp-failover"), 1);
        };
        String json = StatusJson.render(Scrape.of(List.of(source)),
                List.of(new StatusJson.Capability("org.leasehold.ddns", "0.1.0", "active")), 1000, 5);
        assertThat(json).startsWith("{\"time\":1000,\"refreshSeconds\":5,\"pools\":[{\"subnet\":\"198.18.0.0/16\","
                + "\"pool\":\"198.18.0.0/16#1\",\"space\":\"\",\"size\":3,\"busy\":1,\"abandoned\":1,\"free\":1,"
                + "\"usedPercent\":66}]");
        assertThat(json).contains("\"leases\":{\"active\":2,\"free\":0}");
        assertThat(json).contains("\"packets\":{\"received\":10,\"sent\":0,\"decodeErrors\":0,"
                + "\"messagesReceived\":{\"DISCOVER\":4},\"messagesSent\":{},\"dropped\":{\"decode\":1}}");
        assertThat(json).contains("\"capabilities\":[{\"name\":\"org.leasehold.ddns\",\"version\":\"0.1.0\","
                + "\"state\":\"active\"}]");
        assertThat(json).endsWith("\"failover\":[{\"peer\":\"dhcp-failover\",\"state\":\"normal\","
                + "\"partnerState\":\"recover-wait\",\"connected\":true}]}");
    }

    @Test
    void quotesWhatCouldBreakTheJsonOrThePage() {
        assertThat(StatusJson.quote("a\"b\\c</script>\n")).isEqualTo("\"a\\\"b\\\\c\\u003c/script>\\u000a\"");
    }
}
