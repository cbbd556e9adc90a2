package org.leasehold.ddns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.MessageType;
import org.leasehold.api.option.ClientFqdn;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.api.pipeline.PipelineAttributes;
import org.leasehold.ddns.internal.config.DdnsConfigReader;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/**
 * The two packet handlers over the core's real journal lease store: what a commit writes into the
 * lease, what a renewal keeps, and the option 81 answer.
 */
class FqdnHandlersTest {

    private static final byte[] MAC = {2, 0, 0, 0, 0x0c, 0x41};
    private Path dir;
    private JournalLeaseStore store;
    private final LongAdder bad = new LongAdder();

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "leases-");
        store = new JournalLeaseStore(dir);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private DdnsActive active(DhcpdConf conf) {
        DdnsSettings s = DdnsConfigReader.read(conf).settings();
        return new DdnsActive(() -> s, bad);
    }

    private static PacketContext ctx(DhcpdConf conf, DhcpMessage request, Lease lease) {
        PacketContext ctx = PacketContext.of(request, new InetSocketAddress("198.18.0.254", 68));
        ctx.put(PipelineAttributes.LEASE, lease);
        ctx.put(PipelineAttributes.PARAMETERS, conf.parameters("198.18.0.0/16", "198.18.0.0/16#1"));
        return ctx;
    }

    private static DhcpMessage request(String hostName, byte[] fqdn) {
        DhcpMessage.Builder b = DhcpMessage.builder().chaddr(MAC).messageType(MessageType.REQUEST)
                .option(DhcpOption.ofText(12, hostName));
        if (fqdn != null) {
            b.option(DhcpOption.of(81, fqdn));
        }
        return b.build();
    }

    private Lease commit(DhcpdConf conf, DhcpMessage request) throws Exception {
        PacketContext ctx = ctx(conf, request, FqdnPolicyTest.lease("198.18.1.5", "198.18.0.0/16#1"));
        new FqdnCommitHandler(active(conf), store).handle(ctx);
        Lease l = ctx.get(PipelineAttributes.LEASE).orElseThrow();
        store.commit(l).toCompletableFuture().get();
        return l;
    }

    /** Stores what the engine writes once named confirmed the add. */
    private void confirmed(Lease committed) throws Exception {
        store.commit(DnsBinding.of(committed).orElseThrow().withState(DnsBinding.State.DONE).applyTo(committed))
                .toCompletableFuture().get();
    }

    @Test
    void commitNamesTheLeaseAndRecordsThePendingUpdate() throws Exception {
        DhcpdConf conf = Confs.parse(Confs.standard("standard", "127.0.0.1", ""));
        Lease l = commit(conf, request("pc", null));
        assertThat(l.hostname()).isEqualTo("pc.example.test");
        assertThat(l.variables()).containsEntry("ddns-fwd-name", "pc.example.test")
                .containsEntry("ddns-rev-name", "5.1.18.198.in-addr.arpa").containsEntry("leasehold-ddns", "pending")
                .containsKey("ddns-dhcid");
    }

    @Test
    void aRenewalThatChangesNothingKeepsTheRegistration() throws Exception {
        DhcpdConf conf = Confs.parse(Confs.standard("standard", "127.0.0.1", ""));
        confirmed(commit(conf, request("pc", null)));
        assertThat(commit(conf, request("pc", null)).variables()).containsEntry("leasehold-ddns", "done");
        // a new name is a new registration
        Lease renamed = commit(conf, request("other", null));
        assertThat(renamed.variables()).containsEntry("ddns-fwd-name", "other.example.test")
                .containsEntry("leasehold-ddns", "pending");
    }

    @Test
    void withoutUpdateOptimizationEveryRenewalUpdates() throws Exception {
        DhcpdConf conf = Confs.parse(Confs.standard("standard", "127.0.0.1", "update-optimization false;\n"));
        confirmed(commit(conf, request("pc", null)));
        assertThat(commit(conf, request("pc", null)).variables()).containsEntry("leasehold-ddns", "pending");
    }

    @Test
    void aMalformedFqdnOptionIsCountedAndTheHostNameUsed() throws Exception {
        DhcpdConf conf = Confs.parse(Confs.standard("standard", "127.0.0.1", ""));
        // E set, then a label length running past the end
        Lease l = commit(conf, request("fallback", new byte[] {0x05, 0, 0, 9, 'a'}));
        assertThat(bad.sum()).isEqualTo(1);
        assertThat(l.hostname()).isEqualTo("fallback.example.test");
    }

    @Test
    void theAnswerCarriesOption81OnlyWhenAsked() throws Exception {
        DhcpdConf conf = Confs.parse(Confs.standard("standard", "127.0.0.1", ""));
        ClientFqdn asked = new ClientFqdn(ClientFqdn.FLAG_S | ClientFqdn.FLAG_E, 0, 0, "laptop.");
        DhcpMessage req = request("x", asked.encode());
        PacketContext ctx = ctx(conf, req, FqdnPolicyTest.lease("198.18.1.5", "198.18.0.0/16#1"));
        ctx.reply(DhcpMessage.builder().op(2).messageType(MessageType.OFFER).build());
        new FqdnReplyHandler(active(conf)).handle(ctx);
        ClientFqdn answer = ClientFqdn.decode(ctx.reply().orElseThrow().options().bytes(81).orElseThrow());
        assertThat(answer).isEqualTo(new ClientFqdn(ClientFqdn.FLAG_S | ClientFqdn.FLAG_E, 255, 255, "laptop.example.test."));

        PacketContext plain = ctx(conf, request("x", null), FqdnPolicyTest.lease("198.18.1.5", "198.18.0.0/16#1"));
        plain.reply(DhcpMessage.builder().op(2).messageType(MessageType.ACK).build());
        new FqdnReplyHandler(active(conf)).handle(plain);
        assertThat(plain.reply().orElseThrow().options().contains(81)).isFalse();

        PacketContext nak = ctx(conf, req, FqdnPolicyTest.lease("198.18.1.5", "198.18.0.0/16#1"));
        nak.reply(DhcpMessage.builder().op(2).messageType(MessageType.NAK).build());
        new FqdnReplyHandler(active(conf)).handle(nak);
        assertThat(nak.reply().orElseThrow().options().contains(81)).isFalse();
    }
}
