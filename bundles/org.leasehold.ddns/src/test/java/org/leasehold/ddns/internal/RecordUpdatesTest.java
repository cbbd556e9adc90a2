package org.leasehold.ddns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.ddns.internal.DnsBinding.State;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.leasehold.ddns.internal.config.DdnsSettings.Style;
import org.leasehold.ddns.internal.config.TsigKey;
import org.leasehold.ddns.internal.config.ZoneConfig;
import org.leasehold.api.config.SourcePosition;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Adds, conflicts and removals against a real BIND named on 127.0.0.1 that takes only updates signed
 * with the test key; a wrong key, no key, a silent server and a forged answer. Skipped without named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordUpdatesTest {

    private static final SourcePosition POS = new SourcePosition("test", 1, 1);
    private static final TsigKey KEY = new TsigKey(NamedServer.KEY, "hmac-sha256", Confs.SECRET);

    private Path dir;
    private NamedServer named;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    @BeforeAll
    void startNamed() throws Exception {
        assumeTrue(NamedServer.installed(), "BIND named and dig are not installed");
        dir = java.nio.file.Files.createTempDirectory(Path.of("target").toAbsolutePath(), "named-");
        named = NamedServer.start(dir.resolve("named"));
    }

    @AfterAll
    void stopNamed() throws Exception {
        if (named != null) {
            named.close();
        }
    }

    private DdnsSettings settings(Style style, Optional<TsigKey> key, InetSocketAddress server) {
        return new DdnsSettings(style, false, List.of(new ZoneConfig("example.test", List.of(server), key, POS),
                new ZoneConfig("18.198.in-addr.arpa", List.of(server), key, POS)));
    }

    private RecordUpdates updates() {
        return new RecordUpdates(new UpdateSender(Duration.ofMillis(800)), new RecordUpdates.Report() {
            @Override
            public void sent(ZoneConfig zone) {
                sent.incrementAndGet();
            }

            @Override
            public void failed(ZoneConfig zone, DnsReplyException e) {
                failed.incrementAndGet();
            }
        });
    }

    private static UpdateJob job(String host, String address, byte[] mac, boolean add, Style style) throws Exception {
        String fqdn = host + ".example.test";
        DhcpMessage m = DhcpMessage.builder().chaddr(mac).build();
        ClientIdentity id = ClientIdentity.of(m);
        String identity = style == Style.INTERIM ? id.interimTxt() : Base64.getEncoder().encodeToString(id.dhcid(fqdn));
        Lease lease = FqdnPolicyTest.lease(address, "198.18.0.0/16#1");
        DnsBinding b = new DnsBinding(Optional.of(fqdn), Optional.empty(),
                Optional.of(FqdnPolicy.reverseName(lease, "in-addr.arpa")), style, Optional.of(identity), State.PENDING);
        return new UpdateJob(lease.key(), add, b, 300, true, true);
    }

    private static UpdateJob removal(UpdateJob add) {
        return new UpdateJob(add.key(), false, add.binding(), add.ttl(), true, true);
    }

    @Test
    void addsARecordDhcidAndPtrSignedThenRemovesThem() throws Exception {
        DdnsSettings s = settings(Style.STANDARD, Optional.of(KEY), named.address());
        UpdateJob add = job("alpha", "198.18.1.10", new byte[] {2, 0, 0, 0, 1, 1}, true, Style.STANDARD);
        assertThat(updates().run(s, add)).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(named.dig("alpha.example.test", "A")).isEqualTo("198.18.1.10");
        assertThat(named.dig("alpha.example.test", "DHCID").replace(" ", ""))
                .isEqualTo(add.binding().identity().orElseThrow());
        assertThat(named.dig("10.1.18.198.in-addr.arpa", "PTR")).isEqualTo("alpha.example.test.");
        assertThat(named.log()).contains("signer \"" + NamedServer.KEY + "\" approved");

        // the same client again (a restart's re-issue): its own DHCID lets it through
        assertThat(updates().run(s, add)).isEqualTo(RecordUpdates.Outcome.DONE);

        assertThat(updates().run(s, removal(add))).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(named.dig("alpha.example.test", "ANY")).isEmpty();
        assertThat(named.dig("10.1.18.198.in-addr.arpa", "PTR")).isEmpty();
    }

    @Test
    void anotherClientCannotTakeAName() throws Exception {
        DdnsSettings s = settings(Style.STANDARD, Optional.of(KEY), named.address());
        UpdateJob first = job("beta", "198.18.1.20", new byte[] {2, 0, 0, 0, 2, 1}, true, Style.STANDARD);
        UpdateJob second = job("beta", "198.18.1.21", new byte[] {2, 0, 0, 0, 2, 2}, true, Style.STANDARD);
        assertThat(updates().run(s, first)).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(updates().run(s, second)).isEqualTo(RecordUpdates.Outcome.CONFLICT);
        assertThat(named.dig("beta.example.test", "A")).isEqualTo("198.18.1.20");
        assertThat(named.dig("21.1.18.198.in-addr.arpa", "PTR")).isEmpty();
        // nor remove it
        assertThat(updates().run(s, removal(second))).isEqualTo(RecordUpdates.Outcome.NOT_OURS);
        assertThat(named.dig("beta.example.test", "A")).isEqualTo("198.18.1.20");
        assertThat(updates().run(s, removal(first))).isEqualTo(RecordUpdates.Outcome.DONE);
        // once free, the name is the second client's
        assertThat(updates().run(s, second)).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(named.dig("beta.example.test", "A")).isEqualTo("198.18.1.21");
        updates().run(s, removal(second));
    }

    @Test
    void oneAddressInTwoSpacesGetsTwoPtrs() throws Exception {
        DdnsSettings s = settings(Style.STANDARD, Optional.of(KEY), named.address());
        UpdateJob red = inSpace(job("red", "198.18.1.80", new byte[] {2, 0, 0, 0, 8, 1}, true, Style.STANDARD), "red");
        UpdateJob blue = inSpace(job("blue", "198.18.1.80", new byte[] {2, 0, 0, 0, 8, 2}, true, Style.STANDARD), "blue");
        assertThat(updates().run(s, red)).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(updates().run(s, blue)).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(named.dig("80.1.18.198.in-addr.arpa", "PTR").lines().sorted().toList())
                .containsExactly("blue.example.test.", "red.example.test.");
        updates().run(s, new UpdateJob(red.key(), false, red.binding(), 300, true, false));
        assertThat(named.dig("80.1.18.198.in-addr.arpa", "PTR")).isEqualTo("blue.example.test.");
        updates().run(s, new UpdateJob(blue.key(), false, blue.binding(), 300, true, false));
        assertThat(named.dig("80.1.18.198.in-addr.arpa", "PTR")).isEmpty();
    }

    private static UpdateJob inSpace(UpdateJob j, String space) {
        return new UpdateJob(new org.leasehold.api.lease.LeaseKey(space, j.key().address()), j.add(), j.binding(), j.ttl(),
                j.conflictDetection(), false);
    }

    @Test
    void interimStyleGuardsWithTxt() throws Exception {
        DdnsSettings s = settings(Style.INTERIM, Optional.of(KEY), named.address());
        UpdateJob add = job("gamma", "198.18.1.30", new byte[] {2, 0, 0, 0, 3, 1}, true, Style.INTERIM);
        assertThat(updates().run(s, add)).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(named.dig("gamma.example.test", "TXT")).isEqualTo("\"" + add.binding().identity().orElseThrow() + "\"");
        UpdateJob other = job("gamma", "198.18.1.31", new byte[] {2, 0, 0, 0, 3, 2}, true, Style.INTERIM);
        assertThat(updates().run(s, other)).isEqualTo(RecordUpdates.Outcome.CONFLICT);
        assertThat(updates().run(s, removal(add))).isEqualTo(RecordUpdates.Outcome.DONE);
        assertThat(named.dig("gamma.example.test", "ANY")).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedForGood() throws Exception {
        TsigKey wrong = new TsigKey(NamedServer.KEY, "hmac-sha256", Base64.getEncoder().encodeToString(new byte[32]));
        DdnsSettings s = settings(Style.STANDARD, Optional.of(wrong), named.address());
        UpdateJob add = job("delta", "198.18.1.40", new byte[] {2, 0, 0, 0, 4, 1}, true, Style.STANDARD);
        assertThatThrownBy(() -> updates().run(s, add)).isInstanceOfSatisfying(DnsReplyException.class, e -> {
            assertThat(e.transientFailure()).isFalse();
            assertThat(e.getMessage()).contains("NOTAUTH").contains("dhcp-update is not accepted");
        });
        assertThat(named.dig("delta.example.test", "A")).isEmpty();
    }

    @Test
    void anUnsignedUpdateIsRefused() throws Exception {
        DdnsSettings s = settings(Style.STANDARD, Optional.empty(), named.address());
        UpdateJob add = job("eps", "198.18.1.50", new byte[] {2, 0, 0, 0, 5, 1}, true, Style.STANDARD);
        assertThatThrownBy(() -> updates().run(s, add)).isInstanceOfSatisfying(DnsReplyException.class, e -> {
            assertThat(e.transientFailure()).isFalse();
            assertThat(e.getMessage()).contains("REFUSED");
        });
        assertThat(named.dig("eps.example.test", "A")).isEmpty();
    }

    @Test
    void aSilentServerIsTransient() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DdnsSettings s = settings(Style.STANDARD, Optional.of(KEY),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()));
            UpdateJob add = job("zeta", "198.18.1.60", new byte[] {2, 0, 0, 0, 6, 1}, true, Style.STANDARD);
            assertThatThrownBy(() -> updates().run(s, add)).isInstanceOfSatisfying(DnsReplyException.class, e -> {
                assertThat(e.transientFailure()).isTrue();
                assertThat(e.hostile()).isFalse();
                assertThat(e.getMessage()).contains("no answer");
            });
        }
    }

    @Test
    void aForgedUnsignedAnswerIsRejectedAsHostile() throws Exception {
        DnsReplyException e = againstForger(0);
        assertThat(e.hostile()).isTrue();
        assertThat(e.transientFailure()).isTrue();
        assertThat(e.getMessage()).contains("not signed");
    }

    @Test
    void anAnswerWithAnotherIdIsNotTakenForOurs() throws Exception {
        DnsReplyException e = againstForger(1);
        assertThat(e.hostile()).isTrue();
        assertThat(e.getMessage()).contains("not the answer to our id");
    }

    /** Sends an add to a forger that answers with the query's id plus {@code idOffset}; the failure. */
    private DnsReplyException againstForger(int idOffset) throws Exception {
        try (DatagramSocket forger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread t = new Thread(() -> forge(forger, idOffset), "forger");
            t.setDaemon(true);
            t.start();
            DdnsSettings s = settings(Style.STANDARD, Optional.of(KEY),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), forger.getLocalPort()));
            UpdateJob add = job("eta", "198.18.1.70", new byte[] {2, 0, 0, 0, 7, 1}, true, Style.STANDARD);
            try {
                updates().run(s, add);
            } catch (DnsReplyException e) {
                return e;
            }
            throw new AssertionError("the forger's answer was taken");
        }
    }

    /** Answers the first query with an unsigned NOERROR carrying the query's id plus {@code idOffset}. */
    private static void forge(DatagramSocket s, int idOffset) {
        try {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            s.receive(p);
            byte[] q = java.util.Arrays.copyOf(p.getData(), p.getLength());
            Message query = new Message(q);
            Message answer = new Message((query.getHeader().getID() + idOffset) & 0xffff);
            answer.getHeader().setOpcode(query.getHeader().getOpcode());
            answer.getHeader().setFlag(Flags.QR);
            answer.getHeader().setRcode(Rcode.NOERROR);
            answer.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
            byte[] out = answer.toWire();
            s.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        } catch (java.io.IOException e) {
            // the test fails on its own if no answer comes
        }
    }
}
