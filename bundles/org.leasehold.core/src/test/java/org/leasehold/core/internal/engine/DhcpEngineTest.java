package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leasehold.core.internal.engine.EngineFixture.ip;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.engine.EngineFixture.Sent;
import org.leasehold.core.internal.transport.ReplyAddressing;

class DhcpEngineTest {

    static final String CONF = """
            authoritative;
            default-lease-time 600;
            max-lease-time 7200;
            min-lease-time 60;
            option domain-name-servers 198.18.0.53;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.20;
              option routers 198.18.0.1;
            }
            subnet 198.51.100.0 netmask 255.255.255.0 {
              range 198.51.100.100 198.51.100.200;
              option routers 198.51.100.1;
            }
            subnet 198.19.0.0 netmask 255.255.255.0 {
              range dynamic-bootp 198.19.0.10 198.19.0.20;
            }
            host fixed { hardware ethernet 02:00:00:00:00:42; fixed-address 198.18.0.42; }
            """;

    @TempDir
    Path dir;
    EngineFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new EngineFixture(dir, CONF);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private Sent offer(String mac, int xid) {
        return f.exchange(request(MessageType.DISCOVER, mac, xid).build());
    }

    private Sent select(String mac, int xid, Sent offer) {
        return f.exchange(with(request(MessageType.REQUEST, mac, xid),
                DhcpOption.ofAddress(50, offer.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
    }

    @Test
    void discoverIsOfferedAnAddressOfTheReceivingSubnetWithServerIdTimesAndMask() {
        Sent o = offer("02:00:00:00:00:01", 1);
        assertThat(o.type()).isEqualTo(MessageType.OFFER);
        assertThat(o.message().yiaddr().getHostAddress()).startsWith("198.18.1.");
        assertThat(o.message().options().address(54)).contains(EngineFixture.SERVER);
        assertThat(o.message().options().uint32Long(51)).contains(600L);
        assertThat(o.message().options().uint32Long(58)).contains(300L);
        assertThat(o.message().options().uint32Long(59)).contains(525L);
        assertThat(o.message().options().bytes(1)).hasValueSatisfying(m -> assertThat(m).containsExactly(255, 255, 0, 0));
        assertThat(o.message().options().address(3)).contains(ip("198.18.0.1"));
        assertThat(o.to()).isEqualTo(new InetSocketAddress(ReplyAddressing.BROADCAST, 68));
        assertThat(f.store.size()).as("an offer is not stored").isZero();
    }

    @Test
    void selectingRequestIsAckedOnceTheLeaseIsDurable() {
        Sent o = offer("02:00:00:00:00:01", 1);
        Sent ack = select("02:00:00:00:00:01", 2, o);
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(ack.message().yiaddr()).isEqualTo(o.message().yiaddr());
        assertThat(f.store.get(new LeaseKey("", o.message().yiaddr())))
                .hasValueSatisfying(l -> {
                    assertThat(l.state()).isEqualTo(LeaseState.ACTIVE);
                    assertThat(l.endEpochSecond()).isEqualTo(f.clock.get() + 600);
                });
    }

    @Test
    void anOfferedAddressIsNotOfferedToAnotherClientEvenWhenItAsksForIt() {
        Sent a = offer("02:00:00:00:00:01", 1);
        Sent b = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:02", 2),
                DhcpOption.ofAddress(50, a.message().yiaddr())));
        assertThat(b.message().yiaddr()).isNotEqualTo(a.message().yiaddr());
    }

    @Test
    void anExpiredOfferFreesItsAddress() {
        Sent a = offer("02:00:00:00:00:01", 1);
        f.clock.addAndGet(OfferCache.HOLD_SECONDS + 1);
        f.engine.sweep(Runnable::run);
        Sent b = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:02", 2),
                DhcpOption.ofAddress(50, a.message().yiaddr())));
        assertThat(b.message().yiaddr()).isEqualTo(a.message().yiaddr());
    }

    @Test
    void classLeaseLimitIsEnforced() throws Exception {
        f.close();
        f = new EngineFixture(dir.resolve("limited"), CONF + """
                class "one-only" { match if option host-name = "limited"; lease limit 1; }
                """);
        Sent o = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1), DhcpOption.ofText(12, "limited")));
        f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 2), DhcpOption.ofText(12, "limited"),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        f.receive(with(request(MessageType.DISCOVER, "02:00:00:00:00:02", 3), DhcpOption.ofText(12, "limited")));
        assertThat(f.engine.stats().get("drop.no-address")).isEqualTo(1);
    }

    @Test
    void classOnCircuitIdSteersARelayedClientToItsPool() throws Exception {
        f.close();
        f = new EngineFixture(dir.resolve("classes"), """
                class "video" { match if option agent.circuit-id = "port-7"; }
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  pool { allow members of "video"; range 198.51.100.10 198.51.100.19; }
                  pool { deny members of "video"; range 198.51.100.100 198.51.100.109; }
                }
                """);
        byte[] video = {1, 6, 'p', 'o', 'r', 't', '-', '7'};
        byte[] other = {1, 6, 'p', 'o', 'r', 't', '-', '8'};
        Sent v = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1).giaddr(ip("198.51.100.1")),
                DhcpOption.of(82, video)));
        Sent o = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:02", 2).giaddr(ip("198.51.100.1")),
                DhcpOption.of(82, other)));
        assertThat(v.message().yiaddr().getHostAddress()).matches("198\\.51\\.100\\.1\\d");
        assertThat(o.message().yiaddr().getHostAddress()).matches("198\\.51\\.100\\.10\\d");
    }

    @Test
    void ifStatementsOfTheScopesApplyToEachPacketAsClassified() throws Exception {
        f.close();
        f = new EngineFixture(dir.resolve("if"), """
                default-lease-time 600;
                max-lease-time 7200;
                class "video" { match if option agent.circuit-id = "port-7"; }
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  range 198.51.100.100 198.51.100.200;
                  option bootfile-name "default";
                  if substring(option vendor-class-identifier, 0, 9) = "PXEClient" {
                    option bootfile-name "pxelinux.0";
                    if exists agent.circuit-id { default-lease-time 60; }
                  } elsif option vendor-class-identifier = "ipxe" {
                    option bootfile-name "ipxe.efi";
                  } else {
                    default-lease-time 900;
                  }
                  if member of "video" { option root-path "video"; }
                }
                """);
        byte[] port7 = {1, 6, 'p', 'o', 'r', 't', '-', '7'};
        DhcpOption asks = DhcpOption.of(55, new byte[] {17, 51, 67});
        DhcpMessage pxe = with(relayed(1), asks, DhcpOption.ofText(60, "PXEClient:Arch:00000"), DhcpOption.of(82, port7));
        DhcpMessage ipxe = with(relayed(2), asks, DhcpOption.ofText(60, "ipxe"));
        DhcpMessage other = with(relayed(3), asks);

        DhcpMessage forPxe = f.exchange(pxe).message();
        DhcpMessage forIpxe = f.exchange(ipxe).message();
        DhcpMessage forOther = f.exchange(other).message();

        assertThat(forPxe.options().text(67)).contains("pxelinux.0");
        assertThat(forPxe.options().uint32Long(51)).contains(60L);
        assertThat(forPxe.options().text(17)).as("member of a class matched on this packet").contains("video");
        assertThat(forIpxe.options().text(67)).contains("ipxe.efi");
        assertThat(forIpxe.options().uint32Long(51)).contains(600L);
        assertThat(forIpxe.options().text(17)).isEmpty();
        assertThat(forOther.options().text(67)).contains("default");
        assertThat(forOther.options().uint32Long(51)).contains(900L);
    }

    @Test
    void configOptionReadsTheValueTheClientsScopesWriteAndGethostnameTheServersName() throws Exception {
        f.close();
        f = new EngineFixture(dir.resolve("config-option"), """
                option domain-name "outer.example";
                option host-name = concat (config-option domain-name, "/", gethostname ());
                class "by-config" { match if config-option domain-name = "outer.example"; option nis-domain "member"; }
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  range 198.51.100.100 198.51.100.200;
                  option domain-name "inner.example";
                  option root-path = config-option domain-name;
                  option merit-dump = config-option extensions-path;
                }
                """);
        DhcpOption asks = DhcpOption.of(55, new byte[] {12, 14, 17, 40});
        DhcpMessage o = f.exchange(with(relayed(1), asks)).message();
        String host = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertThat(o.options().text(17)).as("the subnet's value: the most specific scope").contains("inner.example");
        assertThat(o.options().text(12)).contains("inner.example/" + host);
        assertThat(o.options().contains(14)).as("an option no scope writes is null, so left out").isFalse();
        assertThat(o.options().contains(40)).as("class matching sees no configuration, as in ISC").isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void parseVendorOptionLetsExpressionsReadTheSubOptionsTheClientSent(boolean parse) throws Exception {
        f.close();
        f = new EngineFixture(dir.resolve("pvo-" + parse), """
                option space SUNW;
                option SUNW.server-name code 3 = text;
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  range 198.51.100.100 198.51.100.200;
                  vendor-option-space SUNW;
                  %s
                  if option SUNW.server-name = "boot1" { option root-path "/boot1"; }
                  option host-name = option SUNW.server-name;
                }
                """.formatted(parse ? "parse-vendor-option;" : ""));
        DhcpOption asks = DhcpOption.of(55, new byte[] {12, 17});
        DhcpOption vendor = DhcpOption.of(43, new byte[] {1, 1, 9, 3, 5, 'b', 'o', 'o', 't', '1'});
        DhcpMessage o = f.exchange(with(relayed(1), asks, vendor)).message();
        if (parse) {
            assertThat(o.options().text(17)).contains("/boot1");
            assertThat(o.options().text(12)).contains("boot1");
        } else {
            assertThat(o.options().contains(17)).isFalse();
            assertThat(o.options().contains(12)).isFalse();
        }
    }

    @Test
    void computedOptionsAreEvaluatedForEachPacket() throws Exception {
        f.close();
        f = new EngineFixture(dir.resolve("computed"), """
                option host-name = concat("h-", binary-to-ascii(16, 8, "-", substring(hardware, 1, 6)));
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  range 198.51.100.100 198.51.100.200;
                  option root-path = option agent.circuit-id;
                }
                """);
        DhcpOption asks = DhcpOption.of(55, new byte[] {12, 17});
        byte[] port7 = {1, 6, 'p', 'o', 'r', 't', '-', '7'};
        DhcpMessage withCircuit = f.exchange(with(relayed(1), asks, DhcpOption.of(82, port7))).message();
        DhcpMessage without = f.exchange(with(relayed(2), asks)).message();

        assertThat(withCircuit.options().text(12)).contains("h-2-0-0-0-0-1");
        assertThat(withCircuit.options().text(17)).contains("port-7");
        assertThat(without.options().text(12)).contains("h-2-0-0-0-0-2");
        assertThat(without.options().text(17)).as("a null value leaves the option out").isEmpty();
    }

    private static DhcpMessage.Builder relayed(int n) {
        return request(MessageType.DISCOVER, "02:00:00:00:00:0" + n, n).giaddr(ip("198.51.100.1")).hops(1);
    }

    @Test
    void twoClientsAreOfferedDifferentAddresses() {
        Sent a = offer("02:00:00:00:00:01", 1);
        Sent b = offer("02:00:00:00:00:02", 2);
        assertThat(a.message().yiaddr()).isNotEqualTo(b.message().yiaddr());
    }

    @Test
    void requestNamingAnotherServerIsSilentAndFreesOurOffer() {
        Sent o = offer("02:00:00:00:00:01", 1);
        f.receive(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 2),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, ip("198.18.0.3"))));
        assertThat(f.engine.stats().get("request.other-server")).isEqualTo(1);
        assertThat(f.sent).hasSize(1);
        Sent other = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:02", 3),
                DhcpOption.ofAddress(50, o.message().yiaddr())));
        assertThat(other.message().yiaddr()).as("the freed address can be offered again").isEqualTo(o.message().yiaddr());
    }

    @Test
    void initRebootForAnAddressOfAnotherNetworkIsNaked() {
        Sent nak = f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 1),
                DhcpOption.ofAddress(50, ip("203.0.113.9"))));
        assertThat(nak.type()).isEqualTo(MessageType.NAK);
        assertThat(nak.message().yiaddrInt()).isZero();
        assertThat(nak.message().options().address(54)).contains(EngineFixture.SERVER);
        assertThat(nak.to()).isEqualTo(new InetSocketAddress(ReplyAddressing.BROADCAST, 68));
    }

    @Test
    void initRebootOfAKnownBindingIsAcked() {
        Sent o = offer("02:00:00:00:00:01", 1);
        select("02:00:00:00:00:01", 2, o);
        Sent ack = f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 3),
                DhcpOption.ofAddress(50, o.message().yiaddr())));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
    }

    @Test
    void initRebootOfAnotherClientsAddressIsNaked() {
        Sent o = offer("02:00:00:00:00:01", 1);
        select("02:00:00:00:00:01", 2, o);
        Sent nak = f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:02", 3),
                DhcpOption.ofAddress(50, o.message().yiaddr())));
        assertThat(nak.type()).isEqualTo(MessageType.NAK);
    }

    @Test
    void renewingIsAckedByUnicastToCiaddrAndExtendsTheLease() {
        Sent o = offer("02:00:00:00:00:01", 1);
        select("02:00:00:00:00:01", 2, o);
        f.clock.addAndGet(300);
        DhcpMessage renew = request(MessageType.REQUEST, "02:00:00:00:00:01", 3).ciaddr(o.message().yiaddr()).build();
        Sent ack = f.exchange(renew);
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(ack.message().ciaddr()).isEqualTo(o.message().yiaddr());
        assertThat(ack.to()).isEqualTo(new InetSocketAddress(o.message().yiaddr(), 68));
        assertThat(f.store.get(new LeaseKey("", o.message().yiaddr())).orElseThrow().endEpochSecond())
                .isEqualTo(f.clock.get() + 600);
    }

    @Test
    void aRenewalKeepsTheBindingsLeaseVariablesAndANewBindingStartsWithout() throws Exception {
        Sent o = offer("02:00:00:00:00:01", 1);
        select("02:00:00:00:00:01", 2, o);
        LeaseKey key = new LeaseKey("", o.message().yiaddr());
        f.store.update(key, l -> l.map(x -> x.toBuilder().variables(Map.of("ddns-fwd-name", "host1.example.test")).build()),
                "test").toCompletableFuture().get(10, TimeUnit.SECONDS);

        f.clock.addAndGet(300);
        Sent ack = f.exchange(request(MessageType.REQUEST, "02:00:00:00:00:01", 3).ciaddr(o.message().yiaddr()).build());
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(f.store.get(key).orElseThrow().variables()).containsEntry("ddns-fwd-name", "host1.example.test");

        f.receive(with(request(MessageType.RELEASE, "02:00:00:00:00:01", 4).ciaddr(o.message().yiaddr()),
                DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.store.get(key).orElseThrow().state() == LeaseState.RELEASED);
        Sent again = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:01", 5),
                DhcpOption.ofAddress(50, o.message().yiaddr())));
        select("02:00:00:00:00:01", 6, again);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.store.get(key).orElseThrow().state() == LeaseState.ACTIVE);
        assertThat(f.store.get(key).orElseThrow().variables()).as("a new binding after the release").isEmpty();
    }

    @Test
    void leaseTimeIsNegotiatedWithinMinAndMax() {
        Sent longer = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:01", 1), DhcpOption.ofUint32(51, 100000)));
        Sent shorter = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:02", 2), DhcpOption.ofUint32(51, 5)));
        Sent within = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:03", 3), DhcpOption.ofUint32(51, 1000)));
        assertThat(longer.message().options().uint32Long(51)).contains(7200L);
        assertThat(shorter.message().options().uint32Long(51)).contains(60L);
        assertThat(within.message().options().uint32Long(51)).contains(1000L);
    }

    @Test
    void informIsAnsweredWithConfigurationButNoLease() {
        DhcpMessage inform = request(MessageType.INFORM, "02:00:00:00:00:01", 1).ciaddr(ip("198.18.0.50")).build();
        Sent ack = f.exchange(inform);
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(ack.message().yiaddrInt()).isZero();
        assertThat(ack.message().options().contains(51)).isFalse();
        assertThat(ack.message().options().contains(58)).isFalse();
        assertThat(ack.message().options().address(54)).contains(EngineFixture.SERVER);
        assertThat(ack.message().options().address(3)).contains(ip("198.18.0.1"));
        assertThat(ack.to()).isEqualTo(new InetSocketAddress(ip("198.18.0.50"), 68));
        assertThat(f.store.size()).isZero();
    }

    @Test
    void releaseEndsTheLease() {
        Sent o = offer("02:00:00:00:00:01", 1);
        select("02:00:00:00:00:01", 2, o);
        f.receive(with(request(MessageType.RELEASE, "02:00:00:00:00:01", 3).ciaddr(o.message().yiaddr()),
                DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                f.store.get(new LeaseKey("", o.message().yiaddr())).orElseThrow().state() == LeaseState.RELEASED);
    }

    @Test
    void declineAbandonsTheAddressAndTheNextClientGetsAnother() {
        Sent o = offer("02:00:00:00:00:01", 1);
        select("02:00:00:00:00:01", 2, o);
        f.receive(with(request(MessageType.DECLINE, "02:00:00:00:00:01", 3),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                f.store.get(new LeaseKey("", o.message().yiaddr())).orElseThrow().state() == LeaseState.ABANDONED);
        assertThat(offer("02:00:00:00:00:02", 4).message().yiaddr()).isNotEqualTo(o.message().yiaddr());
    }

    @Test
    void bootpClientOfAHostGetsItsFixedAddressAndNoDhcpOptions() {
        DhcpMessage boot = DhcpMessage.builder().xid(9).hardwareAddress(
                org.leasehold.api.message.HardwareAddress.parse("02:00:00:00:00:42")).build();
        Sent r = f.exchange(boot);
        assertThat(r.message().op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(r.message().yiaddr()).isEqualTo(ip("198.18.0.42"));
        assertThat(r.message().options().contains(53)).isFalse();
        assertThat(r.message().options().contains(54)).isFalse();
        assertThat(r.message().options().contains(51)).isFalse();
        assertThat(r.message().options().address(3)).contains(ip("198.18.0.1"));
    }

    @Test
    void relayedRequestIsServedFromTheRelaySubnetAndOption82IsEchoedAndStored() {
        byte[] rai = {1, 4, 'r', 'e', 'l', '0', 2, 2, 9, 9};
        DhcpMessage d = with(request(MessageType.DISCOVER, "02:00:00:00:00:07", 1).giaddr(ip("198.51.100.1")).hops(1),
                DhcpOption.of(82, rai));
        Sent o = f.exchange(d);
        assertThat(o.message().yiaddr().getHostAddress()).startsWith("198.51.100.");
        assertThat(o.to()).isEqualTo(new InetSocketAddress(ip("198.51.100.1"), 67));
        assertThat(o.message().options().bytes(82)).hasValueSatisfying(b -> assertThat(b).isEqualTo(rai));
        Sent ack = f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:07", 2).giaddr(ip("198.51.100.1")),
                DhcpOption.ofAddress(50, o.message().yiaddr()), DhcpOption.ofAddress(54, EngineFixture.SERVER),
                DhcpOption.of(82, rai)));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(f.store.get(new LeaseKey("", o.message().yiaddr())).orElseThrow().relayAgentInfo()).isEqualTo(rai);
    }

    @Test
    void linkSelectionSubOptionOverridesGiaddr() {
        byte[] rai = {5, 4, (byte) 198, 19, 0, 1};
        Sent o = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:08", 1).giaddr(ip("198.51.100.1")),
                DhcpOption.of(82, rai)));
        assertThat(o.message().yiaddr().getHostAddress()).startsWith("198.19.0.");
        assertThat(o.to()).as("the answer still goes to the relay").isEqualTo(new InetSocketAddress(ip("198.51.100.1"), 67));
    }

    @Test
    void subnetSelectionOptionWinsOverLinkSelectionWhichWinsOverGiaddr() {
        byte[] rai = {5, 4, (byte) 198, 19, 0, 1};
        Sent o = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:0a", 1).giaddr(ip("198.51.100.1")),
                DhcpOption.of(82, rai), DhcpOption.ofAddress(118, ip("198.18.0.1"))));
        assertThat(o.message().yiaddr().getHostAddress()).startsWith("198.18.1.");
    }

    @Test
    void subnetSelectionOptionChoosesTheSubnet() {
        Sent o = f.exchange(with(request(MessageType.DISCOVER, "02:00:00:00:00:09", 1),
                DhcpOption.ofAddress(118, ip("198.51.100.1"))));
        assertThat(o.message().yiaddr().getHostAddress()).startsWith("198.51.100.");
    }

    @Test
    void bootpClientGetsAnInfiniteLeaseOnlyFromADynamicBootpRange() {
        DhcpMessage boot = DhcpMessage.builder().xid(10).giaddr(ip("198.51.100.1"))
                .hardwareAddress(org.leasehold.api.message.HardwareAddress.parse("02:00:00:00:00:43")).build();
        f.receive(boot);
        assertThat(f.engine.stats().get("drop.bootp-no-address")).as("198.51.100.0/24 has no dynamic-bootp range").isEqualTo(1);
        DhcpMessage viaBootpSubnet = with(boot.toBuilder().xid(11), DhcpOption.ofAddress(118, ip("198.19.0.1")));
        Sent r = f.exchange(viaBootpSubnet);
        assertThat(r.message().yiaddr().getHostAddress()).startsWith("198.19.0.");
        assertThat(f.store.get(new LeaseKey("", r.message().yiaddr())).orElseThrow())
                .satisfies(l -> assertThat(l.bootp()).isTrue())
                .satisfies(l -> assertThat(l.endEpochSecond()).isEqualTo(org.leasehold.api.lease.Lease.NEVER));
    }

    @Test
    void relayedNakSetsTheBroadcastBitAndGoesToTheRelay() {
        Sent nak = f.exchange(with(request(MessageType.REQUEST, "02:00:00:00:00:01", 1).giaddr(ip("198.51.100.1")),
                DhcpOption.ofAddress(50, ip("198.18.1.10"))));
        assertThat(nak.type()).isEqualTo(MessageType.NAK);
        assertThat(nak.message().broadcast()).isTrue();
        assertThat(nak.to()).isEqualTo(new InetSocketAddress(ip("198.51.100.1"), 67));
    }

    @Test
    void undecodableDatagramIsCountedAndDropped() {
        f.engine.receive(f.endpoint, ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress(ip("198.18.0.9"), 68));
        assertThat(f.engine.stats().get("drop.decode")).isEqualTo(1);
        assertThat(f.sent).isEmpty();
    }

    @Test
    void sweepExpiresLeasesWhoseEndHasPassed() {
        Sent o = offer("02:00:00:00:00:01", 1);
        select("02:00:00:00:00:01", 2, o);
        f.clock.addAndGet(601);
        assertThat(f.engine.sweep(Runnable::run)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                f.store.get(new LeaseKey("", o.message().yiaddr())).orElseThrow().state() == LeaseState.EXPIRED);
    }
}
