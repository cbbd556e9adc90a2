package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;

/**
 * The same dhcpd.conf served by ISC dhcpd 4.4.3 and by Leasehold, one after the other, to the same
 * dhclient (same MAC, same dhclient.conf) in a namespace: the ACKs captured on the client's interface
 * are read with tshark ({@code udp.payload}), decoded with the api's codec, and their options compared
 * code by code, byte for byte. Cases: option spaces with vendor-option-space (43) and the vendor space
 * (125), supersede/default/append/prepend across scopes, and a class that picks the vendor space.
 *
 * <p>Listed exceptions: option 54 (each server names itself); options 58 and 59 (ISC 4.4.3 sends the
 * renewal and rebinding times only when configured; Leasehold always sends T1 = lease/2 and
 * T2 = 7 lease/8, the RFC 2131 section 4.4.5 defaults a client would use anyway); and the order of the
 * options in the message (ISC follows the client's parameter request list, Leasehold its
 * configuration order), which is reported, not compared.
 *
 * <p>Root only (namespaces, port 67); needs isc-dhcp-server, isc-dhcp-client, dumpcap/tshark. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=IscWireComparisonIT}. Logs in {@code itests/target/e2e-wire-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IscWireComparisonIT {

    static final String LEASEHOLD_IP = "198.18.0.1";
    static final String ISC_IP = "198.18.0.3";
    static final String MAC = "02:00:00:00:1e:01";
    /** Options that differ by design (see the class comment). */
    static final List<Integer> EXCEPTIONS = List.of(54, 58, 59);

    private static final String SPACES = """
            option space SUNW code width 1 length width 1 hash size 3;
            option SUNW.server-address code 2 = ip-address;
            option SUNW.server-name code 3 = text;
            option SUNW.root-path code 4 = text;
            option space ISC code width 1 length width 1 hash size 3;
            option ISC.sample code 1 = text;
            option ISC.mtu code 18 = unsigned integer 16;
            option vendor.ISC code 2495 = encapsulate ISC;
            """;

    /** One comparison: a configuration and what dhclient sends and requests. */
    record Case(String name, String dhcpdConf, String dhclientConf) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String head = "authoritative;\ndefault-lease-time 600;\nmax-lease-time 7200;\n";
        String subnet = "subnet 198.18.0.0 netmask 255.255.0.0 {\n  range 198.18.2.1 198.18.2.50;\n%s}\n";
        return List.of(
                new Case("vendor-spaces", head + SPACES + """
                        option SUNW.server-address 198.18.0.5;
                        option SUNW.server-name "sundhcp-server17-1";
                        option SUNW.root-path "/export/root/sparc";
                        option ISC.sample "Hello world!";
                        option ISC.mtu 1500;
                        option vendor.acme code 32473 = string;
                        option vendor.acme 01:02:03;
                        vendor-option-space SUNW;
                        """ + subnet.formatted("  option routers 198.18.0.1;\n"),
                        "request subnet-mask, routers, vendor-encapsulated-options, vivso;\n"),
                new Case("supersede-append", head + """
                        option domain-name-servers 198.18.0.53;
                        option ntp-servers 198.18.0.123;
                        option routers 198.18.0.254;
                        option domain-name "outer.example";
                        option time-offset 60;
                        """ + subnet.formatted("""
                          append domain-name-servers 198.18.0.54;
                          prepend ntp-servers 198.18.0.122;
                          default routers 198.18.0.1;
                          default interface-mtu 1400;
                          supersede domain-name "inner.example";
                          supersede time-offset 120;
                        """),
                        "request subnet-mask, routers, domain-name-servers, ntp-servers, domain-name, interface-mtu,"
                                + " time-offset;\n"),
                new Case("class-vendor-space", head + SPACES + """
                        option SUNW.server-address 198.18.0.5;
                        option domain-name "plain.example";
                        class "sun" {
                          match if substring (option vendor-class-identifier, 0, 4) = "SUNW";
                          vendor-option-space SUNW;
                          option SUNW.root-path "/export/root/sparc";
                          option domain-name "sun.example";
                        }
                        class "other" {
                          match if substring (option vendor-class-identifier, 0, 4) = "MSFT";
                          option domain-name "msft.example";
                        }
                        """ + subnet.formatted("  option routers 198.18.0.1;\n"),
                        "send vendor-class-identifier \"SUNW.Ultra-5_10\";\n"
                                + "request subnet-mask, routers, domain-name, vendor-encapsulated-options;\n"));
    }

    private Path work;
    private TestNetwork net;
    private String iscNs;

    @BeforeAll
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "dhcpd", "dhclient", "dumpcap", "tshark")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = TestNetwork.workDir("e2e-wire-");
        net = TestNetwork.create(work.resolve("txoff.py"));
        iscNs = net.addServer(work.resolve("txoff.py"), "isc", ISC_IP);
        net.setMac(net.client(), "cli0", MAC);
    }

    @AfterAll
    void removeNetwork() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void iscAndLeaseholdAckTheSameOptionBytes(Case c) throws Exception {
        Path dir = work.resolve(c.name());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dhcpd.conf"), c.dhcpdConf());
        Files.writeString(dir.resolve("dhclient.conf"), c.dhclientConf());
        Exec.run(Duration.ofSeconds(20), "dhcpd", "-t", "-q", "-cf", dir.resolve("dhcpd.conf").toString()).check();

        Map<Integer, String> isc = iscAck(dir);
        Map<Integer, String> leasehold = leaseholdAck(dir);

        String report = "ISC:       " + isc + "\nLeasehold: " + leasehold;
        Files.writeString(dir.resolve("comparison.txt"), report + "\n");
        System.out.println(c.name() + "\n" + report);
        assertThat(isc).as("ISC's ACK has options").isNotEmpty();
        EXCEPTIONS.forEach(code -> {
            isc.remove(code);
            leasehold.remove(code);
        });
        assertThat(leasehold).as(report).containsExactlyInAnyOrderEntriesOf(isc);
    }

    private Map<Integer, String> iscAck(Path dir) throws Exception {
        Path d = dir.resolve("isc");
        Process isc = IscDhcpd.start(iscNs, dir.resolve("dhcpd.conf"), d);
        try {
            return ack(d, ISC_IP, dir.resolve("dhclient.conf"));
        } finally {
            Exec.stop(isc, Duration.ofSeconds(10));
        }
    }

    private Map<Integer, String> leaseholdAck(Path dir) throws Exception {
        Path d = dir.resolve("leasehold");
        try (LeaseholdServer server = LeaseholdServer.unpack(d.resolve("dist"), net.server())) {
            server.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
            server.writeFile("etc/dhcpd.conf", Files.readString(dir.resolve("dhcpd.conf")));
            server.start(67);
            String check = server.console("dhcp:config-check etc/dhcpd.conf").output();
            Files.writeString(d.resolve("config-check.txt"), check);
            assertThat(check).startsWith("OK").doesNotContain("WARNING");
            return ack(d, LEASEHOLD_IP, dir.resolve("dhclient.conf"));
        }
    }

    /** One dhclient DORA with a fresh lease file, captured on the client's interface; the ACK's options. */
    private Map<Integer, String> ack(Path d, String server, Path dhclientConf) throws Exception {
        Path pcap = d.resolve("client.pcap");
        try (PacketCapture capture = PacketCapture.start(net.client(), "cli0", pcap)) {
            IscDhcpd.dhclientOnce(net.client(), d, dhclientConf);
        }
        Exec.Result t = Exec.run(Duration.ofSeconds(60), "tshark", "-n", "-r", pcap.toString(), "-Y",
                "dhcp.option.dhcp == 5 && ip.src == " + server, "-T", "fields", "-e", "udp.payload").check();
        String hex = t.output().lines().map(String::trim).filter(s -> s.matches("[0-9a-f]+")).findFirst()
                .orElseThrow(() -> new AssertionError("no ACK from " + server + " in " + pcap));
        DhcpMessage ack = DhcpCodec.decode(HexFormat.of().parseHex(hex));
        Map<Integer, String> options = new LinkedHashMap<>();
        for (DhcpOption o : ack.options().all()) {
            options.put(o.code(), HexFormat.of().formatHex(o.value()));
        }
        Files.writeString(d.resolve("ack-options.txt"), options + "\n");
        return options;
    }
}
