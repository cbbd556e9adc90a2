package org.leasehold.ddns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leasehold.api.config.SourcePosition;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.leasehold.ddns.internal.config.DdnsSettings.Style;
import org.leasehold.ddns.internal.config.TsigKey;
import org.leasehold.ddns.internal.config.ZoneConfig;

/**
 * The engine between lease changes and a real named: a grant adds, a release removes, and with named
 * stopped the work waits (the lease-event thread never does) and lands once named is back.
 */
class DdnsEngineTest {

    private static final SourcePosition POS = new SourcePosition("test", 1, 1);
    private NamedServer named;
    private DdnsEngine engine;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(NamedServer.installed(), "BIND named and dig are not installed");
        named = NamedServer.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "named-"));
        TsigKey key = new TsigKey(NamedServer.KEY, "hmac-sha256", Confs.SECRET);
        DdnsSettings s = new DdnsSettings(Style.STANDARD, true, List.of(
                new ZoneConfig("example.test", List.of(named.address()), Optional.of(key), POS),
                new ZoneConfig("18.198.in-addr.arpa", List.of(named.address()), Optional.of(key), POS)));
        engine = new DdnsEngine(s, null, new DdnsEngine.Counters(), Duration.ofMillis(500), 2, 100);
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (named != null) {
            named.close();
        }
    }

    private static Lease granted(String host, String address, byte[] mac) throws Exception {
        Lease base = FqdnPolicyTest.lease(address, "198.18.0.0/16#1").toBuilder()
                .end(System.currentTimeMillis() / 1000 + 3600).build();
        var conf = Confs.parse(Confs.standard("standard", "127.0.0.1", ""));
        DhcpMessage req = DhcpMessage.builder().chaddr(mac).option(org.leasehold.api.message.DhcpOption.ofText(12, host))
                .build();
        FqdnPolicy.Decision d = FqdnPolicy.decide(
                org.leasehold.ddns.internal.config.DdnsConfigReader.read(conf).settings(),
                conf.parameters("198.18.0.0/16", "198.18.0.0/16#1"), req, Optional.empty(), base);
        return d.binding().orElseThrow().applyTo(base.withHostname(d.name()));
    }

    @Test
    void grantAddsReleaseRemoves() throws Exception {
        Lease l = granted("one", "198.18.2.1", new byte[] {2, 0, 0, 0, 9, 1});
        engine.leaseChanged(new LeaseChange(null, l, LeaseChange.Cause.GRANTED, LeaseChange.ENGINE));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> named.dig("one.example.test", "A").equals("198.18.2.1")
                && named.dig("1.2.18.198.in-addr.arpa", "PTR").equals("one.example.test."));
        Lease released = l.toBuilder().state(LeaseState.RELEASED).build();
        engine.leaseChanged(new LeaseChange(l, released, LeaseChange.Cause.RELEASED, LeaseChange.ENGINE));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> named.dig("one.example.test", "ANY").isEmpty()
                && named.dig("1.2.18.198.in-addr.arpa", "PTR").isEmpty());
        assertThat(engine.queue().size()).isZero();
    }

    @Test
    void workWaitsWhileNamedIsDownAndLandsWhenItReturns() throws Exception {
        named.stop();
        Lease l = granted("two", "198.18.2.2", new byte[] {2, 0, 0, 0, 9, 2});
        engine.leaseChanged(new LeaseChange(null, l, LeaseChange.Cause.GRANTED, LeaseChange.ENGINE));
        // queuing is all the caller pays for, whatever the DNS server does
        assertThat(engine.queue().size()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> engine.health("example.test").failedCount() > 0);
        assertThat(engine.health("example.test").backingOff()).isTrue();
        named.run();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> named.dig("two.example.test", "A").equals("198.18.2.2"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> engine.queue().size() == 0);
        assertThat(engine.health("example.test").lastError()).contains("no answer");
    }
}
