package org.leasehold.core.internal.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.classify.Classifier;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.OptionSetting;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.expr.FakePacket;
import org.junit.jupiter.api.Test;

class ParameterMergerTest {

    private static final String CONF = """
            default-lease-time 100;
            max-lease-time 1000;
            option domain-name "global";
            option host-name "global";
            option root-path "global";
            option tftp-server-name "global";
            option bootfile-name "global";
            class "c" { match if option vendor-class-identifier = "c"; option host-name "class"; default-lease-time 300; }
            group {
              option domain-name "group";
              option root-path "group";
              shared-network n {
                option root-path "shared";
                option tftp-server-name "shared";
                subnet 10.0.0.0 netmask 255.255.255.0 {
                  option tftp-server-name "subnet";
                  option bootfile-name "subnet";
                  pool { range 10.0.0.10 10.0.0.20; option bootfile-name "pool"; max-lease-time 500; }
                }
              }
            }
            host h { hardware ethernet 00:00:00:00:00:01; option host-name "host"; }
            """;

    private static String text(EffectiveParameters p, int code) {
        return p.option("dhcp", code).map(OptionSetting::text).orElse("-");
    }

    @Test
    void innerScopesWinInTheDocumentedOrder() throws Exception {
        DhcpConfig config = ConfigParser.parse("m.conf", CONF);
        SubnetDecl subnet = config.subnets().get(0);
        Classifier classifier = new Classifier(config);
        Classification hostAndClass = classifier.classify(FakePacket.ethernet("00:00:00:00:00:01").with(60, "c"));
        Classification classOnly = classifier.classify(FakePacket.ethernet("00:00:00:00:00:02").with(60, "c"));

        EffectiveParameters p = ParameterMerger.merge(config, subnet, subnet.pools().get(0), hostAndClass);
        EffectiveParameters q = ParameterMerger.merge(config, subnet, null, classOnly);

        assertThat(text(p, 15)).isEqualTo("\"group\"");
        assertThat(text(p, 17)).isEqualTo("\"shared\"");
        assertThat(text(p, 66)).isEqualTo("\"subnet\"");
        assertThat(text(p, 67)).isEqualTo("\"pool\"");
        assertThat(text(p, 12)).isEqualTo("\"host\"");
        assertThat(text(q, 12)).isEqualTo("\"class\"");
        assertThat(text(q, 67)).isEqualTo("\"subnet\"");
        assertThat(p.options()).extracting(o -> o.option().code()).isSorted();
        assertThat(p.defaultLeaseTime()).isEqualTo(300);
        assertThat(p.maxLeaseTime()).isEqualTo(500);
        assertThat(q.maxLeaseTime()).isEqualTo(1000);
    }

    @Test
    void conditionalStatementsApplyForTheMatchingPacketOnly() throws Exception {
        DhcpConfig config = ConfigParser.parse("m.conf", """
                subnet 10.0.0.0 netmask 255.255.255.0 {
                  option bootfile-name "default";
                  if substring(option vendor-class-identifier, 0, 9) = "PXEClient" {
                    option bootfile-name "pxelinux.0";
                    if exists agent.circuit-id { default-lease-time 60; }
                  } elsif option vendor-class-identifier = "ipxe" {
                    option bootfile-name "ipxe.efi";
                  } else {
                    default-lease-time 900;
                  }
                }
                """);
        SubnetDecl s = config.subnets().get(0);
        FakePacket pxe = new FakePacket().with(60, "PXEClient:Arch:00000")
                .with("agent", 1, org.leasehold.core.internal.value.Bytes.of("p1"));

        EffectiveParameters forPxe = ParameterMerger.merge(config, s, null, Classification.NONE, pxe);
        EffectiveParameters forIpxe = ParameterMerger.merge(config, s, null, Classification.NONE,
                new FakePacket().with(60, "ipxe"));
        EffectiveParameters forOther = ParameterMerger.merge(config, s, null, Classification.NONE, new FakePacket());
        EffectiveParameters noPacket = ParameterMerger.merge(config, s, null, Classification.NONE);

        assertThat(text(forPxe, 67)).isEqualTo("\"pxelinux.0\"");
        assertThat(forPxe.defaultLeaseTime()).isEqualTo(60);
        assertThat(text(forIpxe, 67)).isEqualTo("\"ipxe.efi\"");
        assertThat(text(forOther, 67)).isEqualTo("\"default\"");
        assertThat(forOther.defaultLeaseTime()).isEqualTo(900);
        assertThat(text(noPacket, 67)).isEqualTo("\"default\"");
    }

    @Test
    void computedOptionsAreEvaluatedPerPacket() throws Exception {
        DhcpConfig config = ConfigParser.parse("m.conf", """
                option host-name = concat("h-", binary-to-ascii(16, 8, "-", substring(hardware, 1, 6)));
                subnet 10.0.0.0 netmask 255.255.255.0 {
                  option root-path = option agent.circuit-id;
                }
                """);
        SubnetDecl s = config.subnets().get(0);

        EffectiveParameters p = ParameterMerger.merge(config, s, null, Classification.NONE,
                FakePacket.ethernet("00:1a:2b:3c:4d:5e"));

        assertThat(p.option("dhcp", 12)).hasValueSatisfying(o -> {
            assertThat(o.value().ascii()).isEqualTo("h-0-1a-2b-3c-4d-5e");
            assertThat(o.text()).isEqualTo("= concat(\"h-\", binary-to-ascii(16, 8, \"-\", substring(hardware, 1, 6)))");
        });
        assertThat(p.option("dhcp", 17)).as("null value leaves the option out").isEmpty();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void leaseTimeHonoursRequestWithinMinAndMax() throws Exception {
        DhcpConfig config = ConfigParser.parse("m.conf", CONF.replace("max-lease-time 1000;", "max-lease-time 1000; min-lease-time 50;"));
        SubnetDecl subnet = config.subnets().get(0);
        EffectiveParameters p = ParameterMerger.merge(config, subnet, null, Classification.NONE);

        assertThat(p.leaseTime(Optional.empty())).isEqualTo(100);
        assertThat(p.leaseTime(Optional.of(5000L))).isEqualTo(1000);
        assertThat(p.leaseTime(Optional.of(10L))).isEqualTo(50);
    }

    @Test
    void iscDefaultsApplyWhenNothingIsSaid() throws Exception {
        DhcpConfig config = ConfigParser.parse("m.conf", "subnet 10.0.0.0 netmask 255.255.255.0 { }");
        EffectiveParameters p = ParameterMerger.merge(config, config.subnets().get(0), null, Classification.NONE);

        assertThat(p.leaseTime(Optional.empty())).isEqualTo(43_200);
        assertThat(p.maxLeaseTime()).isEqualTo(86_400);
    }
}
