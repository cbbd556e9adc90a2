package org.leasehold.ddns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.junit.jupiter.api.Test;

/** The DHCID test vectors of RFC 4701 §3.6, and ISC's interim TXT form. */
class ClientIdentityTest {

    private static final HexFormat HEX = HexFormat.of();

    private static DhcpMessage request(String chaddr, String clientId) {
        DhcpMessage.Builder b = DhcpMessage.builder().chaddr(HEX.parseHex(chaddr));
        if (clientId != null) {
            b.option(DhcpOption.of(61, HEX.parseHex(clientId)));
        }
        return b.build();
    }

    private static String dhcid(DhcpMessage m, String fqdn) {
        return Base64.getEncoder().encodeToString(ClientIdentity.of(m).dhcid(fqdn));
    }

    @Test
    void rfc4701HardwareAddressVector() {
        DhcpMessage m = request("010203040506", null);
        assertThat(ClientIdentity.of(m).type()).isEqualTo(ClientIdentity.TYPE_HARDWARE);
        assertThat(dhcid(m, "client.example.com.")).isEqualTo("AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=");
        assertThat(dhcid(m, "CLIENT.Example.COM")).isEqualTo("AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=");
    }

    @Test
    void rfc4701ClientIdentifierVector() {
        DhcpMessage m = request("0a0b0c0d0e0f", "01070809 0a0b0c".replace(" ", ""));
        assertThat(ClientIdentity.of(m).type()).isEqualTo(ClientIdentity.TYPE_CLIENT_ID);
        assertThat(dhcid(m, "chi.example.com")).isEqualTo("AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=");
    }

    @Test
    void rfc4361ClientIdentifierCarriesADuid() {
        // RFC 4701's DUID vector (00:01:00:06:41:2d:f1:66:01:02:03:04:05:06, chi6.example.com) behind the
        // RFC 4361 type 255 and a 4-byte IAID, as ISC dhcpd reads it.
        DhcpMessage m = request("010203040506", "ff" + "00000001" + "000100064 12df1660102030405 06".replace(" ", ""));
        ClientIdentity id = ClientIdentity.of(m);
        assertThat(id.type()).isEqualTo(ClientIdentity.TYPE_DUID);
        assertThat(dhcid(m, "chi6.example.com")).isEqualTo("AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=");
    }

    @Test
    void interimTxtIsIscsTypeDigitsThenMd5() {
        // ISC writes option 61's code 61 as '3' (61 >> 4) and '1' (61 % 15), the hardware type 0 as "00".
        assertThat(ClientIdentity.of(request("010203040506", "01aabbccddeeff")).interimTxt()).startsWith("31")
                .hasSize(34);
        String hw = ClientIdentity.of(request("010203040506", null)).interimTxt();
        // md5(01 01 02 03 04 05 06): htype then chaddr, as ISC's hardware_addr.hbuf holds them
        assertThat(hw).isEqualTo("00" + md5("01010203040506"));
    }

    private static String md5(String hex) {
        try {
            return HEX.formatHex(java.security.MessageDigest.getInstance("MD5").digest(HEX.parseHex(hex)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
