package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.engine.EngineFixture.Sent;
import org.leasehold.core.internal.transport.ReplyAddressing;

/**
 * ISC dhcpd parameters that change what a reply carries or whether there is one: always-broadcast,
 * echo-client-id, min-secs, boot-unknown-clients, allow/deny/ignore booting and declines (server/dhcp.c
 * ack_lease, nak_lease, dhcp_reply, dhcpdecline; server/bootp.c), use-lease-addr-for-default-route,
 * dynamic-bootp-lease-length and -cutoff.
 */
class IscReplyParametersTest {

    private static final String CONF = """
            authoritative;
            ping-check false;
            default-lease-time 600;
            %s
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.20;
            }
            host known { hardware ethernet 02:00:00:00:03:42; }
            """;
    private static final String MAC = "02:00:00:00:03:01";

    private static Sent discover(EngineFixture f, String mac, int xid, int secs) {
        return f.exchange(request(MessageType.DISCOVER, mac, xid).secs(secs).build());
    }

    private static Sent select(EngineFixture f, Sent offer, DhcpOption... extra) {
        DhcpMessage m = with(request(MessageType.REQUEST, MAC, offer.message().xid() + 1),
                DhcpOption.ofAddress(50, offer.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER));
        for (DhcpOption o : extra) {
            m = m.toBuilder().options(m.options().with(o)).build();
        }
        return f.exchange(m);
    }

    /** Sends {@code dropped}, then a DISCOVER that is answered; only that one's reply may appear. */
    private static void assertDropped(EngineFixture f, DhcpMessage dropped, String otherMac) {
        int before = f.sent.size();
        f.receive(dropped);
        Sent answered = discover(f, otherMac, 900, 10);
        assertThat(answered.message().xid()).as("the dropped request got no reply").isEqualTo(900);
        assertThat(f.sent.subList(before, f.sent.size())).extracting(s -> s.message().xid()).containsOnly(900);
    }

    @Test
    void alwaysBroadcastSetsTheFlagAndBroadcastsTheRenewalAck(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("always-broadcast on;"))) {
            Sent o = discover(f, MAC, 1, 0);
            assertThat(o.message().broadcast()).as("client sent no broadcast flag").isTrue();
            assertThat(o.message().flags()).isEqualTo(0x8000);
            Sent ack = select(f, o);
            assertThat(ack.message().broadcast()).isTrue();
            Sent renew = f.exchange(request(MessageType.REQUEST, MAC, 5).ciaddr(o.message().yiaddr()).build());
            assertThat(renew.type()).isEqualTo(MessageType.ACK);
            assertThat(renew.to()).isEqualTo(new InetSocketAddress(ReplyAddressing.BROADCAST, 68));
        }
    }

    @Test
    void withoutAlwaysBroadcastTheClientsFlagsAreCopiedAndTheRenewalIsUnicast(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(""))) {
            Sent o = discover(f, MAC, 1, 0);
            assertThat(o.message().broadcast()).isFalse();
            select(f, o);
            Sent renew = f.exchange(request(MessageType.REQUEST, MAC, 5).ciaddr(o.message().yiaddr()).build());
            assertThat(renew.to()).isEqualTo(new InetSocketAddress(o.message().yiaddr(), 68));
        }
    }

    @Test
    void echoClientIdReturnsOption61InOfferAckAndNak(@TempDir Path dir) throws Exception {
        DhcpOption id = DhcpOption.of(61, "\u0001client-x".getBytes(StandardCharsets.ISO_8859_1));
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("echo-client-id true;"))) {
            Sent o = f.exchange(with(request(MessageType.DISCOVER, MAC, 1), id));
            assertThat(o.message().options().bytes(61)).hasValueSatisfying(b -> assertThat(b).isEqualTo(id.value()));
            Sent ack = select(f, o, id);
            assertThat(ack.type()).isEqualTo(MessageType.ACK);
            assertThat(ack.message().options().bytes(61)).hasValueSatisfying(b -> assertThat(b).isEqualTo(id.value()));
            Sent nak = f.exchange(with(request(MessageType.REQUEST, MAC, 7), id,
                    DhcpOption.ofAddress(50, EngineFixture.ip("198.51.100.9"))));
            assertThat(nak.type()).isEqualTo(MessageType.NAK);
            assertThat(nak.message().options().bytes(61)).hasValueSatisfying(b -> assertThat(b).isEqualTo(id.value()));
        }
    }

    @Test
    void withoutEchoClientIdNoOption61IsSent(@TempDir Path dir) throws Exception {
        DhcpOption id = DhcpOption.of(61, "\u0001client-x".getBytes(StandardCharsets.ISO_8859_1));
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(""))) {
            Sent o = f.exchange(with(request(MessageType.DISCOVER, MAC, 1), id));
            assertThat(o.type()).isEqualTo(MessageType.OFFER);
            assertThat(o.message().options().contains(61)).isFalse();
        }
    }

    @Test
    void minSecsDropsADiscoverWithFewerSecondsAndOffersFromThatOn(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("min-secs 5;"))) {
            assertDropped(f, request(MessageType.DISCOVER, MAC, 1).secs(4).build(), "02:00:00:00:03:02");
            assertThat(discover(f, MAC, 2, 5).type()).isEqualTo(MessageType.OFFER);
        }
    }

    @Test
    void minSecsDoesNotApplyToRequests(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("min-secs 5;"))) {
            Sent o = discover(f, MAC, 1, 9);
            assertThat(select(f, o).type()).as("REQUEST with secs 0").isEqualTo(MessageType.ACK);
        }
    }

    @Test
    void bootUnknownClientsFalseServesOnlyClientsWithAHostDeclaration(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("boot-unknown-clients false;"))) {
            assertDropped(f, request(MessageType.DISCOVER, MAC, 1).build(), "02:00:00:00:03:42");
            int before = f.sent.size();
            f.receive(with(request(MessageType.REQUEST, MAC, 3), DhcpOption.ofAddress(50, EngineFixture.ip("198.18.1.10")),
                    DhcpOption.ofAddress(54, EngineFixture.SERVER)));
            assertThat(discover(f, "02:00:00:00:03:42", 4, 0).type()).isEqualTo(MessageType.OFFER);
            assertThat(f.sent.subList(before, f.sent.size())).as("no ACK or NAK to the unknown client's REQUEST")
                    .extracting(s -> s.message().xid()).containsOnly(4);
        }
    }

    @Test
    void denyBootingInAHostDropsItsDhcpAndBootpRequests(@TempDir Path dir) throws Exception {
        String conf = CONF.formatted("""
                host refused { hardware ethernet %s; deny booting; }
                subnet 198.51.100.0 netmask 255.255.255.0 { }
                """.formatted(MAC)).replace("range 198.18.1.10 198.18.1.20;",
                "range 198.18.1.10 198.18.1.20; range dynamic-bootp 198.18.1.30 198.18.1.31;");
        try (EngineFixture f = new EngineFixture(dir, conf)) {
            assertDropped(f, request(MessageType.DISCOVER, MAC, 1).build(), "02:00:00:00:03:02");
            DhcpMessage bootp = DhcpMessage.builder().xid(2).hardwareAddress(
                    org.leasehold.api.message.HardwareAddress.parse(MAC)).build();
            assertDropped(f, bootp, "02:00:00:00:03:03");
            assertThat(f.engine.stats().get("drop.booting-denied")).isEqualTo(2);
        }
    }

    @Test
    void ignoreBootingAtTheSubnetDropsEveryClientThere(@TempDir Path dir) throws Exception {
        String conf = CONF.formatted("").replace("range 198.18.1.10 198.18.1.20;",
                "range 198.18.1.10 198.18.1.20; ignore booting;");
        try (EngineFixture f = new EngineFixture(dir, conf)) {
            f.receive(request(MessageType.DISCOVER, MAC, 1).build());
            f.receive(request(MessageType.DISCOVER, "02:00:00:00:03:42", 2).build());
            assertThat(f.sent).isEmpty();
            assertThat(f.engine.stats().get("drop.booting-denied")).isEqualTo(2);
        }
    }

    @Test
    void denyDeclinesLeavesTheLeaseActive(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("deny declines;"))) {
            Sent o = discover(f, MAC, 1, 0);
            select(f, o);
            LeaseKey key = new LeaseKey("", o.message().yiaddr());
            await().atMost(Duration.ofSeconds(10)).until(() -> f.store.get(key).isPresent());
            f.receive(with(request(MessageType.DECLINE, MAC, 3), DhcpOption.ofAddress(50, o.message().yiaddr()),
                    DhcpOption.ofAddress(54, EngineFixture.SERVER)));
            await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.stats().get("decline.denied") == 1);
            assertThat(f.store.get(key).orElseThrow().state()).isEqualTo(LeaseState.ACTIVE);
            Sent renew = f.exchange(request(MessageType.REQUEST, MAC, 5).ciaddr(o.message().yiaddr()).build());
            assertThat(renew.type()).isEqualTo(MessageType.ACK);
            assertThat(renew.message().yiaddr()).isEqualTo(o.message().yiaddr());
        }
    }

    @Test
    void useLeaseAddrForDefaultRouteSendsTheLeasedAddressAsRouterUnlessRoutersIsSet(@TempDir Path dir)
            throws Exception {
        String conf = CONF.formatted("use-lease-addr-for-default-route on;")
                .replace("host known", "subnet 198.51.100.0 netmask 255.255.255.0 {\n"
                        + "  range 198.51.100.100 198.51.100.110; option routers 198.51.100.1; }\nhost known");
        try (EngineFixture f = new EngineFixture(dir, conf)) {
            Sent o = discover(f, MAC, 1, 0);
            assertThat(o.message().options().address(3)).contains(o.message().yiaddr());
            assertThat(select(f, o).message().options().address(3)).contains(o.message().yiaddr());
            Sent relayed = f.exchange(request(MessageType.DISCOVER, "02:00:00:00:03:05", 3)
                    .giaddr(EngineFixture.ip("198.51.100.1")).hops(1).build());
            assertThat(relayed.message().options().address(3)).contains(EngineFixture.ip("198.51.100.1"));
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("off"), CONF.formatted(""))) {
            assertThat(discover(f, MAC, 1, 0).message().options().contains(3)).isFalse();
        }
    }

    @Test
    void dynamicBootpLeaseLengthAndCutoffBoundABootpLease(@TempDir Path dir) throws Exception {
        String range = "range 198.18.1.10 198.18.1.20;";
        String bootpRange = range + " range dynamic-bootp 198.18.1.30 198.18.1.31;";
        DhcpMessage bootp = DhcpMessage.builder().xid(2)
                .hardwareAddress(org.leasehold.api.message.HardwareAddress.parse(MAC)).build();
        try (EngineFixture f = new EngineFixture(dir.resolve("length"),
                CONF.formatted("dynamic-bootp-lease-length 3600;").replace(range, bootpRange))) {
            Sent r = f.exchange(bootp);
            assertThat(f.store.get(new LeaseKey("", r.message().yiaddr())).orElseThrow().endEpochSecond())
                    .isEqualTo(f.clock.get() + 3600);
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("cutoff"),
                CONF.formatted("dynamic-bootp-lease-length 3600; dynamic-bootp-lease-cutoff 1800000600;")
                        .replace(range, bootpRange))) {
            Sent r = f.exchange(bootp);
            assertThat(f.clock.get()).isEqualTo(1_800_000_000L);
            assertThat(f.store.get(new LeaseKey("", r.message().yiaddr())).orElseThrow().endEpochSecond())
                    .as("the cutoff wins over the length").isEqualTo(1_800_000_600L);
        }
    }

    @Test
    void useHostDeclNamesSendsTheHostsNameAsHostNameUnlessOneIsConfigured(@TempDir Path dir) throws Exception {
        String conf = CONF.formatted("use-host-decl-names on;")
                + "host named-one { hardware ethernet 02:00:00:00:03:43; option host-name \"given\"; }\n";
        try (EngineFixture f = new EngineFixture(dir, conf)) {
            Sent known = discover(f, "02:00:00:00:03:42", 1, 0);
            assertThat(known.message().options().text(12)).contains("known");
            assertThat(discover(f, "02:00:00:00:03:43", 2, 0).message().options().text(12)).contains("given");
            assertThat(discover(f, MAC, 3, 0).message().options().contains(12)).as("no host declaration").isFalse();
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("off"), CONF.formatted(""))) {
            assertThat(discover(f, "02:00:00:00:03:42", 1, 0).message().options().contains(12)).isFalse();
        }
    }

    @Test
    void serverIdCheckOffAnswersARequestNamingAnotherServerAsIscDoes(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("server-id-check off;"))) {
            Sent o = discover(f, MAC, 1, 0);
            Sent ack = f.exchange(with(request(MessageType.REQUEST, MAC, 2), DhcpOption.ofAddress(50, o.message().yiaddr()),
                    DhcpOption.ofAddress(54, EngineFixture.ip("198.18.0.3"))));
            assertThat(ack.type()).isEqualTo(MessageType.ACK);
            assertThat(ack.message().yiaddr()).isEqualTo(o.message().yiaddr());
            assertThat(f.engine.stats().get("request.other-server")).isZero();
        }
    }

    @Test
    void serverIdCheckOnIgnoresARequestNamingAnotherServer(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("server-id-check on;"))) {
            Sent o = discover(f, MAC, 1, 0);
            assertDropped(f, with(request(MessageType.REQUEST, MAC, 2), DhcpOption.ofAddress(50, o.message().yiaddr()),
                    DhcpOption.ofAddress(54, EngineFixture.ip("198.18.0.3"))), "02:00:00:00:03:02");
            assertThat(f.engine.stats().get("request.other-server")).isEqualTo(1);
        }
    }

    @Test
    void parametersSetWithExpressionsAreEvaluatedForEachClient(@TempDir Path dir) throws Exception {
        // dhcpd.conf(5) "Setting parameter values using expressions": data of the parameter's type
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("""
                default-lease-time = encode-int (1200, 32);
                filename = concat ("boot-", binary-to-ascii (16, 8, "", substring (hardware, 1, 6)));
                max-lease-time = option dhcp-lease-time;
                """))) {
            Sent o = discover(f, MAC, 1, 0);
            assertThat(o.message().options().uint32(51)).contains(1200);
            assertThat(o.message().fileText()).isEqualTo("boot-200031");
            Sent other = discover(f, "02:00:00:00:03:1a", 2, 0);
            assertThat(other.message().fileText()).isEqualTo("boot-200031a");
            // a client asking for 3000 s gets it: max-lease-time follows its own request
            Sent asks = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:03:1b", 3),
                    DhcpOption.of(51, new byte[] {0, 0, 0x0b, (byte) 0xb8})));
            assertThat(asks.message().options().uint32(51)).contains(3000);
        }
    }

    @Test
    void aLaterWrittenValueReplacesAnExpressionInTheSameScope(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("""
                filename = concat ("boot-", "x");
                filename "plain";
                """))) {
            assertThat(discover(f, MAC, 1, 0).message().fileText()).isEqualTo("plain");
        }
    }

    /** A BOOTREQUEST with a 64-byte vend area that is not RFC 1048 (no magic cookie). */
    private static DhcpMessage cookielessBootRequest(String mac) {
        byte[] vend = new byte[64];
        vend[0] = 'C';
        vend[1] = 'M';
        vend[2] = 'U';
        vend[8] = 42;
        return DhcpMessage.builder().xid(7).hardwareAddress(org.leasehold.api.message.HardwareAddress.parse(mac))
                .wireLayout(vend, 0).build();
    }

    private static String bootpConf(String extra) {
        return CONF.formatted(extra + "\noption subnet-mask 255.255.0.0;").replace("range 198.18.1.10 198.18.1.20;",
                "range dynamic-bootp 198.18.1.30 198.18.1.31;");
    }

    @Test
    void aBootRequestWithoutTheMagicCookieGetsItsVendAreaBackAndNoOptionsAsInIsc(@TempDir Path dir) throws Exception {
        DhcpMessage request = cookielessBootRequest(MAC);
        try (EngineFixture f = new EngineFixture(dir, bootpConf(""))) {
            Sent reply = f.exchange(request);
            assertThat(reply.message().yiaddr()).isEqualTo(EngineFixture.ip("198.18.1.30"));
            assertThat(reply.message().hasMagicCookie()).isFalse();
            assertThat(reply.message().options().all()).isEmpty();
            assertThat(reply.message().wireVendArea()).hasValueSatisfying(
                    v -> assertThat(v).isEqualTo(request.wireVendArea().orElseThrow()));
        }
    }

    @Test
    void alwaysReplyRfc1048AnswersACookielessBootRequestWithOptions(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, bootpConf("always-reply-rfc1048 on;"))) {
            Sent reply = f.exchange(cookielessBootRequest(MAC));
            assertThat(reply.message().hasMagicCookie()).isTrue();
            assertThat(reply.message().options().address(1)).contains(EngineFixture.ip("255.255.0.0"));
        }
    }

    /** DORA at the fixture's clock, then a renewal {@code after} seconds later; returns the renewal's ACK. */
    private static Sent renewAfter(EngineFixture f, long after) {
        Sent ack = select(f, discover(f, MAC, 1, 0));
        assertThat(ack.message().options().uint32(51)).contains(600);
        f.clock.addAndGet(after);
        return f.exchange(request(MessageType.REQUEST, MAC, 9).ciaddr(ack.message().yiaddr()).build());
    }

    @Test
    void dhcpCacheThresholdAnswersAYoungLeaseAsStoredWithoutAJournalWrite(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("dhcp-cache-threshold 25;"))) {
            long start = f.clock.get();
            Sent ack = select(f, discover(f, MAC, 1, 0));
            long recordsBefore = f.store.stats().records();
            f.clock.addAndGet(150);
            Sent renew = f.exchange(request(MessageType.REQUEST, MAC, 9).ciaddr(ack.message().yiaddr()).build());
            assertThat(renew.type()).isEqualTo(MessageType.ACK);
            assertThat(renew.message().options().uint32(51)).as("the time left of the stored lease").contains(450);
            assertThat(f.store.stats().records()).as("no journal record").isEqualTo(recordsBefore);
            assertThat(f.engine.stats().get("lease.unchanged")).isEqualTo(1);
            LeaseKey key = new LeaseKey("", ack.message().yiaddr());
            assertThat(f.store.get(key).orElseThrow().startEpochSecond()).isEqualTo(start);
        }
    }

    @Test
    void dhcpCacheThresholdRenewsALeaseOlderThanThatShare(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted("dhcp-cache-threshold 25;"))) {
            Sent renew = renewAfter(f, 151);
            assertThat(renew.message().options().uint32(51)).contains(600);
            assertThat(f.store.get(new LeaseKey("", renew.message().yiaddr())).orElseThrow().startEpochSecond())
                    .isEqualTo(f.clock.get());
        }
    }

    @Test
    void withoutDhcpCacheThresholdEveryRenewalIsJournaled(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir, CONF.formatted(""))) {
            Sent renew = renewAfter(f, 10);
            assertThat(renew.message().options().uint32(51)).contains(600);
            assertThat(f.engine.stats().get("lease.unchanged")).isZero();
        }
    }
}
