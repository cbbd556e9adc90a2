package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasehold.core.internal.engine.EngineFixture.request;
import static org.leasehold.core.internal.engine.EngineFixture.with;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.core.internal.engine.EngineFixture.Sent;

/** A scope's {@code switch} decides the reply's options; {@code on} blocks of inner scopes replace outer ones. */
class ScopeSwitchAndEventOrderTest {

    private static final String MAC = "02:00:00:00:19:02";

    private static Sent bind(EngineFixture f, DhcpOption... extra) {
        Sent o = f.exchange(with(request(MessageType.DISCOVER, MAC, 1), extra));
        DhcpOption[] all = new DhcpOption[extra.length + 2];
        all[0] = DhcpOption.ofAddress(50, o.message().yiaddr());
        all[1] = DhcpOption.ofAddress(54, EngineFixture.SERVER);
        System.arraycopy(extra, 0, all, 2, extra.length);
        Sent ack = f.exchange(with(request(MessageType.REQUEST, MAC, 2), all));
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        return ack;
    }

    private static final String SWITCH = """
            authoritative;
            ping-check false;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.1.10 198.18.1.20;
              switch (option vendor-class-identifier) {
                case "PXEClient":
                  option domain-name "pxe.example.org";
                  break;
                case "MSFT 5.0":
                  option domain-name "msft.example.org";
                  option netbios-node-type 8;
                default:
                  option domain-name "other.example.org";
              }
            }
            """;

    @Test
    void theMatchingCaseSetsTheOptionsAndFallsThroughWithoutBreak(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture(dir.resolve("a"), SWITCH)) {
            Sent ack = bind(f, DhcpOption.ofText(60, "PXEClient"));
            assertThat(ack.message().options().text(15)).contains("pxe.example.org");
            assertThat(ack.message().options().bytes(46)).isEmpty();
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("b"), SWITCH)) {
            Sent ack = bind(f, DhcpOption.ofText(60, "MSFT 5.0"));
            // no break: default's domain-name replaces the case's, the netbios option stays
            assertThat(ack.message().options().text(15)).contains("other.example.org");
            assertThat(ack.message().options().bytes(46)).hasValueSatisfying(b -> assertThat(b).containsExactly(8));
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("c"), SWITCH)) {
            Sent ack = bind(f);
            assertThat(ack.message().options().text(15)).contains("other.example.org");
            assertThat(ack.message().options().bytes(46)).isEmpty();
        }
    }

    @Test
    void theInnermostScopesOnCommitRunsClassThenHostReplacingPoolAndSubnet(@TempDir Path dir) throws Exception {
        String conf = """
                authoritative;
                ping-check false;
                on commit { set by = "global"; }
                class "vendor" {
                  match if option vendor-class-identifier = "v";
                  on commit { set by = "class"; }
                }
                subnet 198.18.0.0 netmask 255.255.0.0 {
                  on commit { set by = "subnet"; }
                  pool {
                    range 198.18.1.10 198.18.1.20;
                    on commit { set by = "pool-first"; }
                    on commit or release { set by = "pool"; }
                  }
                }
                %s
                """;
        try (EngineFixture f = new EngineFixture(dir.resolve("pool"), conf.formatted(""))) {
            assertThat(variables(f, bind(f))).containsEntry("by", "pool");
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("class"), conf.formatted(""))) {
            assertThat(variables(f, bind(f, DhcpOption.ofText(60, "v")))).containsEntry("by", "class");
        }
        String host = "host h { hardware ethernet " + MAC + "; on commit { set by = host-decl-name; } }";
        try (EngineFixture f = new EngineFixture(dir.resolve("host"), conf.formatted(host))) {
            assertThat(variables(f, bind(f, DhcpOption.ofText(60, "v")))).containsEntry("by", "h");
        }
    }

    private static Map<String, String> variables(EngineFixture f, Sent ack) {
        return f.store.get(new LeaseKey("", ack.message().yiaddr())).orElseThrow().variables();
    }
}
