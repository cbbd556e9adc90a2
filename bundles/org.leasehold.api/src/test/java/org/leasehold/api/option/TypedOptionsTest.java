package org.leasehold.api.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.codec.DhcpCodec;
import org.leasehold.api.codec.Vectors;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.junit.jupiter.api.Test;

/** Typed views of the awkward options, checked against what real clients and servers sent. */
class TypedOptionsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String H1 = "h1-rich-options-dhclient-vs-dhcpd";
    private static final String H3 = "h3-rich-options-dhclient-vs-kea";

    private static DhcpMessage vector(String file, int frame) throws DecodeException {
        return DhcpCodec.decode(Vectors.packet(file, frame));
    }

    @Test
    void dhcpdCompressedDomainSearchSplitMidLabelDecodesLikeKeasUncompressedOne() throws DecodeException {
        byte[] dhcpd = vector(H1, 4).options().bytes(119).orElseThrow();
        byte[] kea = vector(H3, 4).options().bytes(119).orElseThrow();
        assertThat(dhcpd).hasSize(263);
        assertThat(kea).hasSize(625);
        List<String> names = DomainNames.decodeList(dhcpd);
        assertThat(names).isEqualTo(DomainNames.decodeList(kea));
        assertThat(names).startsWith("example.test", "lab.example.test", "eng.lab.example.test").hasSizeGreaterThan(10);
        assertThat(DomainNames.decodeList(DomainNames.encode(names, true))).isEqualTo(names);
        assertThat(DomainNames.encode(names, true).length).isLessThanOrEqualTo(dhcpd.length);
        assertThat(DomainNames.encode(names, false)).isEqualTo(kea);
    }

    @Test
    void compressionLoopsAndForwardPointersAreRejected() {
        byte[] selfLoop = HEX.parseHex("c000");
        byte[] twoStep = HEX.parseHex("0161c000");
        byte[] forward = HEX.parseHex("c00200");
        byte[] truncated = HEX.parseHex("03616263");
        for (byte[] bad : List.of(selfLoop, twoStep, forward, truncated)) {
            assertThatThrownBy(() -> DomainNames.decodeList(bad)).isInstanceOf(DecodeException.class);
        }
        assertThat(OptionType.parse("domain-list compressed").format(twoStep)).isEqualTo("01:61:c0:00");
    }

    @Test
    void classlessRoutesFromDhcpd() throws Exception {
        List<ClasslessRoute> routes = ClasslessRoute.decode(vector(H1, 4).options().bytes(121).orElseThrow());
        assertThat(routes).extracting(ClasslessRoute::toString)
            .containsExactly("203.0.113.0/24 198.18.0.1", "10.0.0.0/8 198.18.0.3", "0.0.0.0/0 198.18.0.1");
        assertThat(ClasslessRoute.encode(routes)).isEqualTo(vector(H1, 4).options().bytes(121).orElseThrow());
        assertThat(OptionType.parse("classless-static-routes").parseValue("24, 203, 0, 113, 198, 18, 0, 1"))
            .isEqualTo(ClasslessRoute.encode(routes.subList(0, 1)));
        assertThatThrownBy(() -> ClasslessRoute.decode(new byte[] {33, 1, 2, 3, 4, 5, 6, 7, 8}))
            .isInstanceOf(DecodeException.class);
    }

    @Test
    void clientFqdnInAllThreeEncodings() throws Exception {
        ClientFqdn dhcpdAck = ClientFqdn.decode(vector(H1, 4).options().bytes(81).orElseThrow());
        assertThat(dhcpdAck).isEqualTo(new ClientFqdn(7, 255, 255, "vec-rich.example.test."));
        ClientFqdn partial = ClientFqdn.decode(vector("c-dhcpcd", 1).options().bytes(81).orElseThrow());
        assertThat(partial).isEqualTo(new ClientFqdn(5, 0, 0, "vec-dhcpcd"));
        assertThat(partial.fullyQualified()).isFalse();
        ClientFqdn keaAnswer = ClientFqdn.decode(vector("c-dhcpcd", 2).options().bytes(81).orElseThrow());
        assertThat(keaAnswer.noUpdates()).isTrue();
        assertThat(keaAnswer.name()).isEqualTo("vec-dhcpcd.");
        ClientFqdn ascii = ClientFqdn.decode(vector("b-udhcpc", 1).options().bytes(81).orElseThrow());
        assertThat(ascii).isEqualTo(new ClientFqdn(1, 0, 0, "vec-udhcpc"));
        assertThat(ascii.encoded()).isFalse();
        for (ClientFqdn f : List.of(dhcpdAck, partial, keaAnswer, ascii)) {
            assertThat(ClientFqdn.decode(f.encode())).isEqualTo(f);
        }
        assertThat(partial.encode()).isEqualTo(vector("c-dhcpcd", 1).options().bytes(81).orElseThrow());
    }

    @Test
    void sipServersBothEncodings() throws Exception {
        SipServers names = SipServers.decode(vector(H1, 4).options().bytes(120).orElseThrow());
        assertThat(names.domainNames()).containsExactly("sip.example.test");
        SipServers addrs = SipServers.ofAddresses(List.of((java.net.Inet4Address) InetAddress.getByName("198.18.0.5")));
        assertThat(SipServers.decode(addrs.encode())).isEqualTo(addrs);
        assertThatThrownBy(() -> SipServers.decode(new byte[] {2, 1})).isInstanceOf(DecodeException.class);
    }

    @Test
    void vendorIdentifyingBlocks() throws Exception {
        List<VendorBlock> dhcpd = VendorBlock.decode(vector(H1, 4).options().bytes(125).orElseThrow());
        assertThat(dhcpd).extracting(VendorBlock::enterprise).containsExactly(0L, 32473L);
        List<VendorBlock> kea = VendorBlock.decode(vector(H3, 4).options().bytes(125).orElseThrow());
        assertThat(kea).extracting(VendorBlock::enterprise).containsExactly(4491L);
        assertThat(VendorBlock.encode(dhcpd)).isEqualTo(vector(H1, 4).options().bytes(125).orElseThrow());
        assertThat(OptionCatalog.standard().byName("vivso").orElseThrow().type()
            .format(VendorBlock.encode(kea))).isEqualTo("4491 02:04:c6:12:00:01");
    }

    @Test
    void userClassRfc3004FromDhcpcdAndPlainTextFromDhclient() throws Exception {
        List<byte[]> classes = UserClasses.decode(vector("c-dhcpcd", 1).options().bytes(77).orElseThrow());
        assertThat(classes).hasSize(1);
        assertThat(new String(classes.get(0))).isEqualTo("vec-dhcpcd-class");
        byte[] plain = vector(H1, 1).options().bytes(77).orElseThrow();
        assertThatThrownBy(() -> UserClasses.decode(plain)).isInstanceOf(DecodeException.class);
        assertThat(OptionCatalog.standard().byName("user-class").orElseThrow().type().format(plain))
            .isEqualTo("\"vec-user-class\"");
    }

    @Test
    void authenticationLayout() throws Exception {
        Authentication a = new Authentication(1, 1, 0, 0x0102030405060708L, new byte[] {9, 10});
        byte[] wire = a.encode();
        assertThat(HEX.formatHex(wire)).isEqualTo("01010001020304050607080" + "90a");
        assertThat(Authentication.decode(wire)).isEqualTo(a);
        assertThatThrownBy(() -> Authentication.decode(new byte[10])).isInstanceOf(DecodeException.class);
    }

    @Test
    void everyOptionInEveryVectorFormatsWithoutThrowing() throws DecodeException {
        OptionCatalog catalog = OptionCatalog.standard();
        int typed = 0;
        for (Vectors.Vector v : Vectors.all()) {
            for (DhcpOption o : DhcpCodec.decode(v.bytes()).options().all()) {
                OptionType t = catalog.byCode("dhcp", o.code()).map(OptionDefinition::type)
                    .orElse(OptionType.parse("string"));
                assertThat(t.format(o.value())).isNotNull();
                typed++;
            }
        }
        assertThat(typed).isGreaterThan(500);
    }

    @Test
    void netwareIpSubOptionsAndSlp() {
        OptionCatalog c = OptionCatalog.standard();
        assertThat(c.byName("nwip.primary-dss").orElseThrow().type().parseValue("198.18.0.1")).hasSize(4);
        assertThat(c.byName("nwip.nwip-does-not-exist").orElseThrow().type().parseValue("")).isEmpty();
        assertThat(c.byName("nwip-suboptions").orElseThrow().type().name()).isEqualTo("encapsulate nwip");
        assertThat(c.byName("slp-service-scope").orElseThrow().type().format(new byte[] {1})).isEqualTo("true \"\"");
    }
}
