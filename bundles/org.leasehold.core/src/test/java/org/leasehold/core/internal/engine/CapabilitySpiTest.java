package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.core.internal.engine.EngineFixture.ip;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.config.ConfigParameters;
import org.leasehold.api.lease.AllocationPolicy;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.pipeline.HookPoint;
import org.leasehold.api.pipeline.PacketHandler;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.api.pipeline.Verdict;
import org.leasehold.core.internal.engine.EngineFixture.Sent;
import org.leasehold.core.internal.pipeline.PipelineRunner;

/** The engine's side of the capability SPIs: allocation policy, parameters and authentication attributes. */
class CapabilitySpiTest {

    private static final String CONF = """
            authoritative;
            default-lease-time 600;
            ddns-domainname "global.test";
            subnet 198.18.0.0 netmask 255.255.0.0 {
              ddns-domainname "subnet.test";
              pool {
                range 198.18.1.10 198.18.1.13;
                ddns-domainname "pool.test";
              }
            }
            subnet 198.51.100.0 netmask 255.255.255.0 {
              pool {
                range 198.51.100.100 198.51.100.101;
                allow authenticated clients;
              }
            }
            """;

    @TempDir
    Path dir;
    EngineFixture f;

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    /** Odd last octets belong to the partner, as a failover policy would say; versioned by the test. */
    static final class OddIsPartners implements AllocationPolicy {
        final AtomicLong version = new AtomicLong();
        volatile boolean partnerDown;

        @Override
        public Availability availability(LeaseKey key, String poolId, Lease lease, long now) {
            if (!poolId.startsWith("198.18.0.0/16")) {
                return Availability.DEFAULT;
            }
            if (lease != null && lease.state() == LeaseState.ACTIVE && !lease.endedAt(now)) {
                return Availability.UNAVAILABLE;
            }
            boolean odd = (key.address().getAddress()[3] & 1) == 1;
            return odd && !partnerDown ? Availability.UNAVAILABLE : Availability.AVAILABLE;
        }

        @Override
        public long version() {
            return version.get();
        }
    }

    @Test
    void aPolicyKeepsThePartnersAddressesFromNewClientsUntilItsVersionChanges() throws Exception {
        OddIsPartners policy = new OddIsPartners();
        f = new EngineFixture(dir, CONF, null, () -> policy);
        java.util.List<String> given = new java.util.ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Sent o = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:0" + i, i).build());
            given.add(o.message().yiaddr().getHostAddress());
            f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:0" + i, 10 + i),
                    DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        }
        // .10 and .12 are ours; the third client finds nothing of ours free (.11 and .13 are the partner's)
        assertThat(given).containsExactly("198.18.1.10", "198.18.1.12");
        int sent = f.sent.size();
        f.receive(request(MessageType.DISCOVER, "02:00:00:00:00:03", 3).build());
        assertThat(f.sent).hasSize(sent);
        assertThat(f.engine.stats().get("drop.no-address")).isEqualTo(1);
        policy.partnerDown = true;
        policy.version.incrementAndGet();
        Sent o = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:04", 4).build());
        assertThat(o.message().yiaddr().getHostAddress()).isIn("198.18.1.11", "198.18.1.13");
    }

    @Test
    void aPolicyAlsoRefusesARequestedAddressOfThePartnerButNotTheClientsOwn() throws Exception {
        OddIsPartners policy = new OddIsPartners();
        f = new EngineFixture(dir, CONF, null, () -> policy);
        Sent nak = f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 1),
                DhcpOption.ofAddress(50, ip("198.18.1.11")), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        assertThat(nak.type()).isEqualTo(MessageType.NAK);
        Sent ack = f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 2),
                DhcpOption.ofAddress(50, ip("198.18.1.12")), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        // its own lease is the client's to renew whatever the policy says of new clients
        policy.partnerDown = false;
        Sent renew = f.exchange(request(MessageType.REQUEST, "02:00:00:00:00:01", 3).ciaddr(ip("198.18.1.12")).build());
        assertThat(renew.type()).isEqualTo(MessageType.ACK);
    }

    @Test
    void handlersReadTheClientsParametersPoolFirstAtLeaseSelect() throws Exception {
        PipelineRunner runner = new PipelineRunner(PipelineHooksTestConfig.config());
        AtomicReference<String> atSubnet = new AtomicReference<>();
        AtomicReference<String> atLease = new AtomicReference<>();
        bind(runner, HookPoint.SUBNET_SELECT, ctx -> {
            atSubnet.set(ctx.get(PipelineAttributes.PARAMETERS).flatMap(p -> p.get("ddns-domainname")).orElse(null));
            return Verdict.CONTINUE;
        });
        bind(runner, HookPoint.LEASE_SELECT, ctx -> {
            ConfigParameters p = ctx.get(PipelineAttributes.PARAMETERS).orElseThrow();
            atLease.set(p.get("ddns-domainname").orElse(null) + " " + p.statements("ddns-domainname").size());
            return Verdict.CONTINUE;
        });
        f = new EngineFixture(dir, CONF, runner);
        f.exchange(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).build());
        assertThat(atSubnet.get()).isEqualTo("subnet.test");
        assertThat(atLease.get()).isEqualTo("pool.test 3");
    }

    @Test
    void onlyARequestAnAuthenticationHandlerPassedGetsAnAuthenticatedPool() throws Exception {
        PipelineRunner runner = new PipelineRunner(PipelineHooksTestConfig.config());
        bind(runner, HookPoint.RECEIVE, ctx -> {
            if (ctx.request().hardwareAddress().toString().endsWith(":02")) {
                ctx.put(PipelineAttributes.AUTHENTICATED, Boolean.TRUE);
            }
            return Verdict.CONTINUE;
        });
        f = new EngineFixture(dir, CONF, runner);
        java.net.InetSocketAddress relay = new java.net.InetSocketAddress(ip("198.51.100.1"), 67);
        f.receive(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).giaddr(ip("198.51.100.1")).build(), relay);
        assertThat(f.sent).isEmpty();
        f.receive(request(MessageType.DISCOVER, "02:00:00:00:00:02", 2).giaddr(ip("198.51.100.1")).build(), relay);
        assertThat(f.sent).hasSize(1);
        assertThat(f.sent.get(0).message().yiaddr().getHostAddress()).startsWith("198.51.100.10");
    }

    @Test
    void aClassMatchesATextAttributeAHandlerPutAtClassify() throws Exception {
        String conf = """
                class "dslam-7" { match if attribute "option82.circuit-id" = "dslam-7/1/12"; }
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  pool { range 198.51.100.100 198.51.100.100; allow members of "dslam-7"; }
                  pool { range 198.51.100.150 198.51.100.150; deny members of "dslam-7"; }
                }
                """;
        org.leasehold.api.pipeline.AttributeKey<String> circuit =
                org.leasehold.api.pipeline.AttributeKey.of("option82.circuit-id", String.class);
        PipelineRunner runner = new PipelineRunner(PipelineHooksTestConfig.config());
        bind(runner, HookPoint.CLASSIFY, ctx -> {
            if (ctx.request().hardwareAddress().toString().endsWith(":07")) {
                ctx.put(circuit, "dslam-7/1/12");
            }
            return Verdict.CONTINUE;
        });
        f = new EngineFixture(dir, conf, runner);
        java.net.InetSocketAddress relay = new java.net.InetSocketAddress(ip("198.51.100.1"), 67);
        f.receive(request(MessageType.DISCOVER, "02:00:00:00:00:07", 1).giaddr(ip("198.51.100.1")).build(), relay);
        f.receive(request(MessageType.DISCOVER, "02:00:00:00:00:08", 2).giaddr(ip("198.51.100.1")).build(), relay);
        assertThat(f.sent).extracting(x -> x.message().yiaddr().getHostAddress())
                .containsExactly("198.51.100.100", "198.51.100.150");
    }

    private static void bind(PipelineRunner runner, HookPoint hook, PacketHandler h) throws Exception {
        Method m = PipelineRunner.class.getDeclaredMethod("bindHandler", PacketHandler.class, Map.class);
        m.setAccessible(true);
        m.invoke(runner, h, Map.of(PacketHandler.HOOK, hook.name(), PacketHandler.ORDER, 10,
                PacketHandler.NAME, "test-" + hook, "service.id", (long) hook.ordinal()));
    }
}
