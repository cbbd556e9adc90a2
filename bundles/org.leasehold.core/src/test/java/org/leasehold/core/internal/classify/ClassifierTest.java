package org.leasehold.core.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.FakePacket;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static final String CONF = """
            class "voip" { match if substring(option vendor-class-identifier, 0, 4) = "VOIP"; }
            class "voip-lab" { match if member of "voip" and exists agent.remote-id; }
            class "modems" { match pick-first-value(option dhcp-client-identifier, hardware); lease limit 3; }
            subclass "modems" 1:0:11:22:33:44:55;
            subclass "modems" "modem-7" { lease limit 1; option host-name "m7"; }
            class "per-port" {
              match if option vendor-class-identifier = "cm";
              spawn with option agent.circuit-id;
              lease limit 2;
            }
            class "customer" { spawn with option agent.remote-id; }
            host known-one { hardware ethernet 00:aa:bb:cc:dd:ee; }
            host by-id { option dhcp-client-identifier "ident-1"; }
            """;

    private final Classifier classifier = new Classifier(config());

    private static DhcpConfig config() {
        try {
            return ConfigParser.parse("c.conf", CONF);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void matchIfAndMemberOfSeeEarlierClasses() {
        Classification c = classifier.classify(FakePacket.ethernet("00:00:00:00:00:09").with(60, "VOIP-phone")
                .with("agent", 2, Bytes.of("r1")));

        assertThat(c.classes()).contains("voip", "voip-lab", "customer", "customer:72:31");
        assertThat(c.known()).isFalse();
    }

    @Test
    void matchLooksUpDeclaredSubclassesByValue() {
        Classification byHw = classifier.classify(FakePacket.ethernet("00:11:22:33:44:55"));
        Classification byId = classifier.classify(FakePacket.ethernet("00:00:00:00:00:01").with(61, "modem-7"));
        Classification none = classifier.classify(FakePacket.ethernet("00:00:00:00:00:02"));

        assertThat(byHw.classes()).containsExactlyInAnyOrder("modems", "modems:01:00:11:22:33:44:55");
        assertThat(byHw.limits()).containsExactly(new ClassLimit("modems:01:00:11:22:33:44:55", 3));
        assertThat(byId.limits()).containsExactly(new ClassLimit("modems:6d:6f:64:65:6d:2d:37", 1));
        assertThat(byId.params()).hasSize(2);
        assertThat(none.classes()).isEmpty();
    }

    @Test
    void spawnWithMakesOneSubclassPerCircuitId() {
        Classification a = classifier.classify(FakePacket.ethernet("00:00:00:00:00:03").with(60, "cm")
                .with("agent", 1, Bytes.parseColonHex("00:01")));
        Classification b = classifier.classify(FakePacket.ethernet("00:00:00:00:00:04").with(60, "cm")
                .with("agent", 1, Bytes.parseColonHex("00:02")));
        Classification noCircuit = classifier.classify(FakePacket.ethernet("00:00:00:00:00:05").with(60, "cm"));

        assertThat(a.classes()).contains("per-port", "per-port:00:01");
        assertThat(a.limits()).containsExactly(new ClassLimit("per-port:00:01", 2));
        assertThat(b.classes()).contains("per-port:00:02");
        assertThat(noCircuit.classes()).containsExactly("per-port");
        assertThat(noCircuit.limits()).containsExactly(new ClassLimit("per-port", 2));
    }

    @Test
    void hostsMatchByHardwareOrClientId() {
        assertThat(classifier.classify(FakePacket.ethernet("00:aa:bb:cc:dd:ee")).host())
                .hasValueSatisfying(h -> assertThat(h.name()).isEqualTo("known-one"));
        assertThat(classifier.classify(FakePacket.ethernet("00:00:00:00:00:06").with(61, "ident-1")).known()).isTrue();
        assertThat(classifier.classify(FakePacket.ethernet("00:00:00:00:00:07")).known()).isFalse();
    }
}
