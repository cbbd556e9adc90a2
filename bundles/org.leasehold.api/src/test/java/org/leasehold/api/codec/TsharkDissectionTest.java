package org.leasehold.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.option.OptionCatalog;
import org.leasehold.api.option.OptionDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reply carrying every typed option must dissect cleanly in Wireshark's DHCP dissector. */
class TsharkDissectionTest {
    /** dhcpd.conf value text per option code (Table 2 of the spec plus the other typed ones). */
    static Map<Integer, String> sampleValues() {
        Map<Integer, String> v = new TreeMap<>();
        for (OptionDefinition d : OptionCatalog.standard().space("dhcp")) {
            String sample = sampleFor(d.type().name());
            if (sample != null && d.code() != 0 && d.code() != 255 && d.code() != 52) {
                v.put(d.code(), sample);
            }
        }
        v.put(53, "5");
        v.put(57, "1500");
        v.put(46, "2");
        v.put(61, "01:02:00:00:00:0a:01");
        v.put(43, "01:04:c6:33:64:01");
        v.put(63, "05:01:01:0b:04:c6:33:64:01");
        v.put(82, "01:04:72:65:6c:30:02:06:02:00:00:00:0c:99:05:04:c6:33:64:00:06:05:73:75:62:2d:31");
        v.put(90, "1 1 0 1 00:00:00:01:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff");
        v.put(93, "0");
        v.put(117, "6, 41");
        v.put(94, "1 2 1");
        v.put(97, "0 01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10");
        v.put(124, "4491 05:68:65:6c:6c:6f");
        v.put(125, "4491 02:04:c6:33:64:01");
        v.put(81, "5 0 0 \"host.example.org.\"");
        v.put(98, "\"http://uap.example.org/\"");
        v.put(99, "00:02:55:53");
        return v;
    }

    private static String sampleFor(String type) {
        return switch (type) {
            case "ip-address" -> "198.51.100.1";
            case "array of ip-address" -> "198.51.100.1, 198.51.100.2";
            case "array of { ip-address, ip-address }" -> "198.51.100.0 255.255.255.0";
            case "unsigned integer 8" -> "1";
            case "unsigned integer 16" -> "1500";
            case "unsigned integer 32" -> "3600";
            case "signed integer 32" -> "-3600";
            case "boolean" -> "true";
            case "text" -> "\"example\"";
            case "string" -> "01:02:03";
            case "array of unsigned integer 8" -> "1, 3, 6";
            case "array of unsigned integer 16" -> "576, 1500";
            case "domain-list compressed" -> "\"example.org\", \"lab.example.org\"";
            case "domain-name" -> "\"example.org\"";
            case "{ boolean, array of ip-address }" -> "true 198.51.100.1";
            case "{ boolean, text }" -> "false \"scope\"";
            case "sip-servers" -> "\"sip.example.org\"";
            case "classless-static-routes" -> "10.0.0.0/8 198.51.100.1, 0.0.0.0/0 198.51.100.1";
            case "user-class" -> "\"class-a\"";
            case "zerolen" -> "";
            default -> null;
        };
    }

    @Test
    void everyTypedOptionDissectsWithoutMalformedOrErrors(@TempDir Path dir) throws Exception {
        OptionCatalog catalog = OptionCatalog.standard();
        DhcpMessage.Builder b = DhcpMessage.builder().op(2).xid(0x1234).hardwareAddress(
            HardwareAddress.parse("02:00:00:00:0a:01")).yiaddr(0xc6336464);
        Map<Integer, String> samples = sampleValues();
        for (Map.Entry<Integer, String> e : samples.entrySet()) {
            OptionDefinition d = catalog.byCode("dhcp", e.getKey()).orElseThrow();
            b.option(DhcpOption.of(d.code(), d.type().parseValue(e.getValue())));
        }
        byte[] payload = DhcpCodec.encodeReply(b.build(), new ReplyEncoding(8192, new byte[0], false));
        Path pcap = dir.resolve("reply.pcap");
        Files.write(pcap, Pcap.file(List.of(Pcap.udpFrame(0xc6120001, 0xc6336464, 67, 68, payload))));
        String out = tshark(pcap);
        assertThat(out).contains("Dynamic Host Configuration Protocol (ACK)");
        List<String> bad = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.contains("Malformed") || line.contains("Expert Info (Error")) {
                bad.add(line.trim());
            }
        }
        assertThat(bad).as("tshark errors").isEmpty();
        for (int code : samples.keySet()) {
            assertThat(out).as("option %d shown", code).contains("Option: (" + code + ")");
        }
        assertThat(out).contains("Subnet Mask", "Router", "Domain Name Server", "Domain Search",
            "Classless Static Route", "Client Fully Qualified Domain Name", "Agent Information Option",
            "SIP Servers", "V-I Vendor-specific Information", "Agent Circuit ID", "Link selection",
            "Subscriber ID", "User Class Information", "Authentication", "Option: (255) End");
    }

    /** dhcpd's own overloaded reply (h2) is Malformed in tshark; ours must not be. */
    @Test
    void overloadedReplyForA576ByteClientDissectsCleanly(@TempDir Path dir) throws Exception {
        DhcpMessage ack = DhcpCodec.decode(Vectors.packet("h1-rich-options-dhclient-vs-dhcpd", 4));
        DhcpMessage reply = ack.toBuilder().options(org.leasehold.api.message.DhcpOptions.empty())
            .options(ack.options()).build();
        DhcpMessage request = DhcpCodec.decode(Vectors.packet("h2-overload-dhclient-mms576-vs-dhcpd", 3));
        byte[] payload = DhcpCodec.encodeReply(reply, ReplyEncoding.forRequest(request));
        assertThat(payload.length).isLessThanOrEqualTo(548);
        Path pcap = dir.resolve("overload.pcap");
        Files.write(pcap, Pcap.file(List.of(Pcap.udpFrame(0xc6120001, 0xc6127a2a, 67, 68, payload))));
        String out = tshark(pcap);
        assertThat(out).contains("Option Overload").contains("Option: (119) Domain Search")
            .contains("Option: (81) Client Fully Qualified Domain Name").doesNotContain("Malformed")
            .doesNotContain("Expert Info (Error");
    }

    static String tshark(Path pcap) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-V").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("tshark is not installed: install the Debian package 'tshark' (apt-get install -y tshark)", e);
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(p.exitValue()).as("tshark exit status; output:\n" + out).isZero();
        return out;
    }
}
