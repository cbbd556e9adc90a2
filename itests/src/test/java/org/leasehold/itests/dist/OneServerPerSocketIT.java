package org.leasehold.itests.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.itests.support.Commands;
import org.leasehold.itests.support.Distribution;
import org.leasehold.itests.support.LoopbackRelay;

/**
 * Two unpacked distributions, as during an upgrade: the second, configured on the same address and
 * port, does not bind, says why on the first line of {@code dhcp:status}, in its log and through a
 * failing {@code bin/dhcp health}, while every exchange against the port is answered by the first.
 * Then the same second server is pointed at the first one's lease journal (refused: the journal is
 * locked), at an interface that does not exist (refused, the console stays up), and finally at a free
 * port, where it serves.
 */
class OneServerPerSocketIT {

    private static final int PROBES = 25;

    @TempDir
    Path work;

    @Test
    void aSecondServerOnTheSamePortRefusesToStartAndTheFirstAnswersEveryExchange() throws Exception {
        int port = freeUdpPort();
        try (Distribution first = Distribution.unpack(work.resolve("first"), List.of());
                Distribution second = Distribution.unpack(work.resolve("second"), List.of())) {
            first.editConfig("etc/org.leasehold.core.cfg", "port", Integer.toString(port));
            second.editConfig("etc/org.leasehold.core.cfg", "port", Integer.toString(port));
            first.start();
            String refused = second.startNotServing();

            assertThat(refused).startsWith("not serving: cannot bind DHCP socket 127.0.0.1:" + port + "/udp")
                    .contains("Address already in use").contains("held by pid " + first.pid());
            assertThat(log(second)).contains("NOT SERVING: cannot bind DHCP socket 127.0.0.1:" + port + "/udp");
            assertThat(health(second).exitCode()).isNotZero();
            assertThat(health(second).output()).contains("not serving: cannot bind");
            Commands.Result healthy = health(first);
            assertThat(healthy.exitCode()).isZero();
            assertThat(healthy.output()).contains("serving on 127.0.0.1 port " + port);

            Set<String> addresses = new HashSet<>();
            try (LoopbackRelay client = new LoopbackRelay(port, "198.51.100.1", 5000)) {
                for (int n = 0; n < PROBES; n++) {
                    byte[] mac = {0x02, 0x0d, 0, 0, 0, (byte) n};
                    Optional<DhcpMessage> ack = client.dora(mac, 0x5e000000 | n);
                    assertThat(ack).as("ACK for probe " + n).isPresent();
                    addresses.add(ack.get().yiaddr().getHostAddress());
                }
            }
            assertThat(addresses).hasSize(PROBES);
            Map<String, String> status = status(first);
            assertThat(Long.parseLong(status.get("packets.received"))).isEqualTo(2L * PROBES);
            assertThat(Long.parseLong(status.get("leases.active"))).isEqualTo(PROBES);
            assertThat(status(second)).doesNotContainKey("packets.received");

            // the first server's lease journal: refused by its lock, whatever the port
            second.editConfig("etc/org.leasehold.core.cfg", "port", Integer.toString(freeUdpPort()));
            second.editConfig("etc/org.leasehold.core.cfg", "leaseDir", first.home().resolve("data/leasehold").toString());
            assertThat(second.awaitHeadline(h -> h.contains("in use by another store"), "journal in use"))
                    .startsWith("not serving: lease store directory");
            assertThat(health(second).exitCode()).isNotZero();

            // a listen entry that names no interface: not serving, the console up to fix it
            second.editConfig("etc/org.leasehold.core.cfg", "leaseDir", "data/leasehold");
            second.editConfig("etc/org.leasehold.core.cfg", "listen", "no-such-if0");
            assertThat(second.awaitHeadline(h -> h.contains("no-such-if0"), "bad listen"))
                    .startsWith("not serving: org.leasehold.core listen: listen entry 'no-such-if0'");
            assertThat(health(second).exitCode()).isNotZero();

            second.editConfig("etc/org.leasehold.core.cfg", "listen", "127.0.0.1");
            second.awaitHeadline(h -> h.startsWith("serving"), "serving");
            assertThat(health(second).exitCode()).isZero();
            assertThat(Long.parseLong(status(first).get("leases.active"))).isEqualTo(PROBES);
        }
    }

    /** {@code bin/dhcp health}, the documented check for a supervisor. */
    private static Commands.Result health(Distribution d) throws Exception {
        return Commands.run(java.time.Duration.ofSeconds(60), d.home().resolve("bin/dhcp").toString(), "health");
    }

    /** The key/value rows of {@code dhcp:status}. */
    private static Map<String, String> status(Distribution d) throws Exception {
        return d.console("dhcp:status").assertSuccess().output().lines().map(String::trim)
                .map(l -> l.split("\\s*\\|\\s*", 2)).filter(kv -> kv.length == 2)
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> a));
    }

    private static String log(Distribution d) throws Exception {
        Path log = d.home().resolve("data/log/karaf.log");
        return (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "")
                + Files.readString(d.home().resolve("karaf.out"), StandardCharsets.UTF_8);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
