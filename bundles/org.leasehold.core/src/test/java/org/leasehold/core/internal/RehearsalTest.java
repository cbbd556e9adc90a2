package org.leasehold.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.core.internal.transport.ListenSpec;
import org.leasehold.core.internal.transport.UdpTransport;

/** The start-up rehearsal: every exchange acknowledged, nothing left behind, nothing counted. */
class RehearsalTest {

    @TempDir
    Path scratch;

    @Test
    void directRehearsalAcknowledgesEveryExchangeAndItsRenewalAndLeavesNoFiles() throws Exception {
        Rehearsal.Result r = Rehearsal.run(scratch, 50, 10_000, null);

        assertThat(r.asked()).isEqualTo(50);
        assertThat(r.acked()).isEqualTo(100);
        assertThat(children(scratch)).isEmpty();
    }

    @Test
    void moreExchangesThanThePoolHoldsRunInRoundsOfTheSameClients() throws Exception {
        Rehearsal.Result r = Rehearsal.run(scratch, 300, 20_000, null);

        assertThat(r.acked()).isEqualTo(600);
        assertThat(children(scratch)).isEmpty();
    }

    @Test
    void throughTheTransportItUsesAScratchLoopbackSocketThatIsNeitherListedNorCounted() throws Exception {
        try (UdpTransport transport = new UdpTransport(1)) {
            Rehearsal.Result r = Rehearsal.run(scratch, 30, 10_000, transport);

            assertThat(r.acked()).isEqualTo(60);
            assertThat(transport.endpoints()).isEmpty();
            assertThat(transport.received()).isZero();
            assertThat(transport.sent()).isZero();
            assertThat(children(scratch)).isEmpty();

            // the transport serves normally afterwards
            transport.bind(List.of(ListenSpec.resolve("127.0.0.1")), 0, (endpoint, payload, sender) -> { });
            assertThat(transport.endpoints()).hasSize(1);
        }
    }

    @Test
    void aDeadlineAlreadyPassedRunsNothing() throws Exception {
        Rehearsal.Result r = Rehearsal.run(scratch, 50, 0, null);

        assertThat(r.acked()).isZero();
        assertThat(children(scratch)).isEmpty();
    }

    private static List<Path> children(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
