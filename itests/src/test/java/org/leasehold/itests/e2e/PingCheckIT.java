package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ping-check against a real squatter: a namespace on the LAN holds the pool's first address
 * (198.18.2.1) and answers ping. ISC dhcpd 4.4.3 and Leasehold, each with the same dhcpd.conf (no
 * ping statement: ISC's default is on), give dhclient another address and mark 198.18.2.1 abandoned
 * (ISC's leases file, {@code dhcp:lease-show}).
 *
 * <p>Root only; needs isc-dhcp-server, isc-dhcp-client, iproute2. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=PingCheckIT}. Logs in {@code itests/target/e2e-ping-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PingCheckIT {

    static final String LEASEHOLD_IP = "198.18.0.1";
    static final String ISC_IP = "198.18.0.3";
    static final String SQUATTED = "198.18.2.1";
    static final String CONF = """
            authoritative;
            default-lease-time 600;
            max-lease-time 7200;
            subnet 198.18.0.0 netmask 255.255.0.0 {
              range 198.18.2.1 198.18.2.5;
            }
            """;
    private Path work;
    private TestNetwork net;
    private String iscNs;

    @BeforeAll
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "dhcpd", "dhclient")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = TestNetwork.workDir("e2e-ping-");
        net = TestNetwork.create(work.resolve("txoff.py"));
        iscNs = net.addServer(work.resolve("txoff.py"), "isc", ISC_IP);
        // the squatter: a host using a pool address without a lease; the kernel answers ping for it
        net.addServer(work.resolve("txoff.py"), "sq", SQUATTED);
        Files.writeString(work.resolve("dhcpd.conf"), CONF);
    }

    @AfterAll
    void removeNetwork() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void iscSkipsAndAbandonsTheAnsweringAddress() throws Exception {
        Path d = work.resolve("isc");
        Process isc = IscDhcpd.start(iscNs, work.resolve("dhcpd.conf"), d);
        try {
            net.setMac(net.client(), "cli0", "02:00:00:00:1f:01");
            String address = IscDhcpd.dhclientOnce(net.client(), d, null);
            assertThat(address).isNotEqualTo(SQUATTED).startsWith("198.18.2.");
            Awaitility.await("ISC abandons " + SQUATTED).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(Files.readString(d.resolve("dhcpd.log"))).contains("Abandoning IP address " + SQUATTED);
                assertThat(Files.readString(d.resolve("dhcpd.leases")))
                        .containsPattern("lease " + Pattern.quote(SQUATTED) + " \\{[^}]*binding state abandoned");
            });
        } finally {
            Exec.stop(isc, Duration.ofSeconds(10));
        }
    }

    @Test
    void leaseholdSkipsAndAbandonsTheAnsweringAddress() throws Exception {
        Path d = work.resolve("leasehold");
        try (LeaseholdServer server = LeaseholdServer.unpack(d.resolve("dist"), net.server())) {
            server.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
            server.writeFile("etc/dhcpd.conf", CONF);
            server.start(67);
            net.setMac(net.client(), "cli0", "02:00:00:00:1f:02");
            String address = IscDhcpd.dhclientOnce(net.client(), d, null);
            assertThat(address).isNotEqualTo(SQUATTED).startsWith("198.18.2.");
            String show = server.console("dhcp:lease-show " + SQUATTED).output();
            assertThat(show).containsIgnoringCase("abandoned");
            assertThat(server.console("dhcp:lease-show " + address).output()).containsIgnoringCase("02:00:00:00:1f:02");
        }
    }
}
