package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.engine.EngineFixture.Sent;
import org.leasehold.core.internal.syntax.ConfigException;

/**
 * ISC's pool dates, {@code allow after T} and {@code deny after T} (confpars.c get_permit, dhcp.c
 * ack_lease, permitted): a pool serves from, or until, a date; its leases end by that date, but last at
 * least min-lease-time. The fixture's clock starts at 2027-01-15 08:00:00 UTC (1,800,000,000).
 */
class PoolDatesTest {

    private static final String CONF = """
            authoritative;
            ping-check false;
            default-lease-time 3600;
            min-lease-time 60;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              pool { range 198.18.1.10 198.18.1.10; %s }
              pool { range 198.18.2.10 198.18.2.10; %s }
            }
            """;
    private static final String MAC = "02:00:00:00:05:01";

    private static Sent discover(EngineFixture f, String mac, int xid) {
        return f.exchange(request(MessageType.DISCOVER, mac, xid).build());
    }

    @Test
    void aPoolAllowedAfterADateServesOnlyOnceItHasPassed(@TempDir Path dir) throws Exception {
        // 2027/01/15 09:00:00 UTC, one hour after the clock's start
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("allow after 5 2027/01/15 09:00:00;",
                "deny after epoch 1800001800;"))) {
            assertThat(discover(f, MAC, 1).message().yiaddr()).isEqualTo(EngineFixture.ip("198.18.2.10"));
            f.clock.addAndGet(3601);
            assertThat(discover(f, "02:00:00:00:05:02", 2).message().yiaddr()).isEqualTo(EngineFixture.ip("198.18.1.10"));
        }
    }

    @Test
    void aPoolDeniedAfterADateEndsItsLeasesByThenAndNaksThemAfter(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("deny after epoch 1800001800;",
                "allow after epoch 1900000000;"))) {
            Sent offer = discover(f, MAC, 1);
            assertThat(offer.message().yiaddr()).isEqualTo(EngineFixture.ip("198.18.1.10"));
            assertThat(offer.message().options().uint32(51)).as("ends at the pool's date").contains(1800);
            f.clock.addAndGet(1790);
            Sent late = f.exchange(with(request(MessageType.REQUEST, MAC, 2), DhcpOption.ofAddress(50, offer.message().yiaddr()),
                    DhcpOption.ofAddress(54, EngineFixture.SERVER)));
            assertThat(late.type()).isEqualTo(MessageType.ACK);
            assertThat(late.message().options().uint32(51)).as("min-lease-time, not the 10 s left").contains(60);
            f.clock.addAndGet(11);
            Sent after = f.exchange(request(MessageType.REQUEST, MAC, 3).ciaddr(offer.message().yiaddr()).build());
            assertThat(after.type()).isEqualTo(MessageType.NAK);
        }
    }

    @Test
    void datesAreReadAsIscWritesThemAndASecondOneIsRefused() throws Exception {
        assertThat(ConfigParser.parse("t.conf", CONF.formatted("allow after never;", "")).warnings()).isEmpty();
        assertThat(ConfigParser.parse("t.conf", CONF.formatted("deny after 4 2030/01/01 00:00:00 -7200;", ""))
                .subnets().get(0).pools().get(0).permits().get(0).after()).isEqualTo(1893456000L - 7200);
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", CONF.formatted("allow after tomorrow;", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.conf:6").hasMessageContaining("expected a date");
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", CONF.formatted(
                "allow after epoch 1; deny after epoch 2;", ""))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("duplicate 'after'");
    }
}
