package org.leasehold.core.internal.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.leasehold.core.internal.alloc.AddressUsage.Status;
import org.leasehold.core.internal.alloc.AllocationResult.Allocated;
import org.leasehold.core.internal.alloc.AllocationResult.Reason;
import org.leasehold.core.internal.alloc.AllocationResult.Refused;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.classify.Classifier;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.FakePacket;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    private final FakeUsage usage = new FakeUsage();

    private static Inet4Address ip(String s) {
        return Ipv4.of(Ipv4.parse(s));
    }

    private static Bytes client(int n) {
        return Bytes.of(new byte[] {1, 0, 0, 0, 0, (byte) (n >> 8), (byte) n});
    }

    private static DhcpConfig parse(String text) throws Exception {
        return ConfigParser.parse("a.conf", text);
    }

    private static AllocationRequest request(DhcpConfig config, Bytes client, Classification c, String requested) {
        return new AllocationRequest(config.subnets().get(0), client,
                Optional.ofNullable(requested).map(AllocatorTest::ip), c, false);
    }

    @Test
    void specOverlapLeasesTenZeroZeroOneToClassAAndClassBAtOnce() throws Exception {
        Path file = Path.of(AllocatorTest.class.getResource("/config/own/spec-overlap.conf").toURI());
        DhcpConfig config = ConfigParser.parse(file);
        Classifier classifier = new Classifier(config);
        Allocator allocator = new Allocator(config, usage);
        Classification a = classifier.classify(FakePacket.ethernet("00:00:00:00:00:0a").with(60, "A"));
        Classification b = classifier.classify(FakePacket.ethernet("00:00:00:00:00:0b").with(60, "B"));

        AllocationResult ra = allocator.allocate(request(config, client(0xa), a, null));
        usage.commit(ra, client(0xa));
        AllocationResult rb = allocator.allocate(request(config, client(0xb), b, null));
        usage.commit(rb, client(0xb));

        assertThat(ra).isInstanceOfSatisfying(Allocated.class, r -> {
            assertThat(r.address()).isEqualTo(ip("10.0.0.1"));
            assertThat(r.space()).isEqualTo("A");
        });
        assertThat(rb).isInstanceOfSatisfying(Allocated.class, r -> {
            assertThat(r.address()).isEqualTo(ip("10.0.0.1"));
            assertThat(r.space()).isEqualTo("B");
        });
        assertThat(usage.holder("A", ip("10.0.0.1")).client()).isEqualTo(client(0xa));
        assertThat(usage.holder("B", ip("10.0.0.1")).client()).isEqualTo(client(0xb));
        Classification none = classifier.classify(FakePacket.ethernet("00:00:00:00:00:0c"));
        assertThat(allocator.allocate(request(config, client(0xc), none, null))).isInstanceOf(Refused.class);
    }

    @Test
    void classAPoolRunsOutAfterFiftyWhileClassBStillGetsAddresses() throws Exception {
        DhcpConfig config = ConfigParser.parse(Path.of(AllocatorTest.class.getResource("/config/own/spec-overlap.conf").toURI()));
        Classifier classifier = new Classifier(config);
        Allocator allocator = new Allocator(config, usage);
        Classification a = classifier.classify(FakePacket.ethernet("00:00:00:00:00:0a").with(60, "A"));
        Set<Inet4Address> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            AllocationResult r = allocator.allocate(request(config, client(i), a, null));
            usage.commit(r, client(i));
            seen.add(((Allocated) r).address());
        }

        assertThat(seen).hasSize(50).contains(ip("10.0.0.1"), ip("10.0.0.50"));
        assertThat(allocator.allocate(request(config, client(99), a, null))).isInstanceOf(Refused.class);
        Classification b = classifier.classify(FakePacket.ethernet("00:00:00:00:00:0b").with(60, "B"));
        assertThat(allocator.allocate(request(config, client(99), b, null))).isInstanceOf(Allocated.class);
    }

    @Test
    void existingBindingThenRequestedThenFree() throws Exception {
        DhcpConfig config = parse("subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }");
        Allocator allocator = new Allocator(config, usage);
        usage.hold("", ip("10.0.0.15"), Status.FREE, client(1));

        AllocationResult existing = allocator.allocate(request(config, client(1), Classification.NONE, "10.0.0.12"));
        AllocationResult requested = allocator.allocate(request(config, client(2), Classification.NONE, "10.0.0.12"));
        AllocationResult takenRequest = allocator.allocate(request(config, client(3), Classification.NONE, "10.0.0.12"));
        AllocationResult outside = allocator.allocate(request(config, client(4), Classification.NONE, "10.0.0.99"));

        assertThat(existing).isEqualTo(new Allocated("", ip("10.0.0.15"), config.subnets().get(0),
                config.subnets().get(0).pools().get(0), Reason.EXISTING));
        assertThat(((Allocated) requested).address()).isEqualTo(ip("10.0.0.12"));
        assertThat(((Allocated) requested).reason()).isEqualTo(Reason.REQUESTED);
        assertThat(((Allocated) takenRequest).reason()).isEqualTo(Reason.FREE);
        assertThat(((Allocated) takenRequest).address()).isNotEqualTo(ip("10.0.0.12"));
        assertThat(((Allocated) outside).reason()).isEqualTo(Reason.FREE);
    }

    @Test
    void storeStateBeyondTheBitmapIsRespected() throws Exception {
        DhcpConfig config = parse("subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.12; }");
        Allocator allocator = new Allocator(config, usage);
        usage.hold("", ip("10.0.0.10"), Status.BUSY, client(7));
        usage.hold("", ip("10.0.0.11"), Status.ABANDONED, null);

        AllocationResult first = allocator.allocate(request(config, client(1), Classification.NONE, null));
        AllocationResult second = allocator.allocate(request(config, client(2), Classification.NONE, null));
        AllocationResult third = allocator.allocate(request(config, client(3), Classification.NONE, null));

        assertThat(((Allocated) first).address()).isEqualTo(ip("10.0.0.12"));
        assertThat(((Allocated) second).reason()).isEqualTo(Reason.ABANDONED);
        assertThat(((Allocated) second).address()).isEqualTo(ip("10.0.0.11"));
        assertThat(third).isInstanceOf(Refused.class);
        assertThat(allocator.poolStats()).singleElement().satisfies(s -> assertThat(s.free()).isZero());
    }

    @Test
    void leaseLimitRefusesNewClientsButKeepsExistingOnes() throws Exception {
        DhcpConfig config = parse("""
                class "cpe" { match if option vendor-class-identifier = "cpe"; spawn with option agent.circuit-id; lease limit 2; }
                subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.200; }
                """);
        Classifier classifier = new Classifier(config);
        Allocator allocator = new Allocator(config, usage);
        FakePacket site1 = FakePacket.ethernet("00:00:00:00:00:01").with(60, "cpe").with("agent", 1, Bytes.of("port-1"));
        FakePacket site2 = FakePacket.ethernet("00:00:00:00:00:02").with(60, "cpe").with("agent", 1, Bytes.of("port-2"));
        Classification c1 = classifier.classify(site1);
        String sub1 = "cpe:" + Bytes.of("port-1");
        for (int i = 1; i <= 2; i++) {
            usage.commit(allocator.allocate(request(config, client(i), c1, null)), client(i), sub1);
        }

        assertThat(allocator.allocate(request(config, client(3), c1, null)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("lease limit 2").contains(sub1));
        assertThat(allocator.allocate(request(config, client(1), c1, null))).isInstanceOf(Allocated.class);
        assertThat(allocator.allocate(request(config, client(4), classifier.classify(site2), null))).isInstanceOf(Allocated.class);
    }

    @Test
    void permitsKnownUnknownAndBootp() throws Exception {
        DhcpConfig config = parse("""
                host k { hardware ethernet 00:00:00:00:00:01; }
                subnet 10.0.0.0 netmask 255.255.255.0 {
                  pool { range 10.0.0.10 10.0.0.19; deny unknown-clients; }
                  pool { range 10.0.0.20 10.0.0.29; allow unknown-clients; }
                  pool { range dynamic-bootp 10.0.0.30 10.0.0.39; deny known-clients; }
                }
                """);
        Classifier classifier = new Classifier(config);
        Allocator allocator = new Allocator(config, usage);
        Classification known = classifier.classify(FakePacket.ethernet("00:00:00:00:00:01"));
        Classification unknown = classifier.classify(FakePacket.ethernet("00:00:00:00:00:02"));
        SubnetDecl s = config.subnets().get(0);

        Allocated k = (Allocated) allocator.allocate(new AllocationRequest(s, client(1), Optional.empty(), known, false));
        Allocated u = (Allocated) allocator.allocate(new AllocationRequest(s, client(2), Optional.empty(), unknown, false));
        Allocated bootp = (Allocated) allocator.allocate(new AllocationRequest(s, client(3), Optional.empty(), unknown, true));

        assertThat(k.pool().id()).isEqualTo("10.0.0.0/24#1");
        assertThat(u.pool().id()).isEqualTo("10.0.0.0/24#2");
        assertThat(bootp.pool().id()).isEqualTo("10.0.0.0/24#3");
        assertThat(allocator.allocate(new AllocationRequest(s, client(1), Optional.empty(), known, true)))
                .isInstanceOf(Refused.class);
    }

    @Test
    void fixedAddressOfAKnownHostComesFirst() throws Exception {
        DhcpConfig config = parse("""
                host p { hardware ethernet 00:00:00:00:00:01; fixed-address 10.0.0.5; }
                subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }
                """);
        Classification c = new Classifier(config).classify(FakePacket.ethernet("00:00:00:00:00:01"));

        AllocationResult r = new Allocator(config, usage).allocate(request(config, client(1), c, null));

        assertThat(r).isEqualTo(new Allocated("", ip("10.0.0.5"), config.subnets().get(0), null, Reason.FIXED));
    }

    @Test
    void hostsFixedAddressesInsideARangeAreNeverGivenToOthers() throws Exception {
        DhcpConfig config = parse("""
                host p { hardware ethernet 00:00:00:00:00:01; fixed-address 10.0.0.10; }
                subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.11; }
                """);
        Allocator allocator = new Allocator(config, usage);

        AllocationResult asked = allocator.allocate(request(config, client(2), Classification.NONE, "10.0.0.10"));
        AllocationResult next = allocator.allocate(request(config, client(3), Classification.NONE, null));

        assertThat(((Allocated) asked).address()).isEqualTo(ip("10.0.0.11"));
        assertThat(next).isInstanceOf(Refused.class);
    }

    @Test
    void sharedNetworkAllocatesAcrossItsSubnets() throws Exception {
        DhcpConfig config = parse("""
                shared-network n {
                  subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.10; }
                  subnet 10.0.1.0 netmask 255.255.255.0 { range 10.0.1.10 10.0.1.10; }
                }
                """);
        Allocator allocator = new Allocator(config, usage);

        Allocated first = (Allocated) allocator.allocate(request(config, client(1), Classification.NONE, null));
        Allocated second = (Allocated) allocator.allocate(request(config, client(2), Classification.NONE, null));

        assertThat(first.address()).isEqualTo(ip("10.0.0.10"));
        assertThat(second.address()).isEqualTo(ip("10.0.1.10"));
        assertThat(second.subnet().id()).isEqualTo("10.0.1.0/24");
    }

    @Test
    void workPerAllocationStaysFlatFromEmptyToNinetyNinePercentFull() throws Exception {
        DhcpConfig config = parse("subnet 10.0.0.0 netmask 255.255.0.0 { range 10.0.0.1 10.0.39.16; }");
        Allocator allocator = new Allocator(config, usage);
        long size = config.subnets().get(0).pools().get(0).size();
        long target = size * 99 / 100;
        long maxLookups = 0;
        for (int i = 0; i < target; i++) {
            long before = usage.holderLookups;
            AllocationResult r = allocator.allocate(request(config, client(i), Classification.NONE, null));
            assertThat(r).isInstanceOf(Allocated.class);
            maxLookups = Math.max(maxLookups, usage.holderLookups - before);
        }

        // One store look-up per grant: the bitmap, not a scan of leases, finds the free address.
        assertThat(maxLookups).isEqualTo(1);
        assertThat(allocator.poolStats().get(0).busy()).isEqualTo(target);
    }

    @Test
    void releasedAddressesAreFoundAgainAfterTheCursorPassed() throws Exception {
        DhcpConfig config = parse("subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.1 10.0.0.4; }");
        Allocator allocator = new Allocator(config, usage);
        for (int i = 0; i < 4; i++) {
            allocator.allocate(request(config, client(i), Classification.NONE, null));
        }
        allocator.update("", ip("10.0.0.2"), Status.FREE);

        AllocationResult r = allocator.allocate(request(config, client(9), Classification.NONE, null));

        assertThat(((Allocated) r).address()).isEqualTo(ip("10.0.0.2"));
    }
}
