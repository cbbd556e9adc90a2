package org.leasehold.api.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.leasehold.api.message.OptionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionCatalogTest {
    private static final HexFormat HEX = HexFormat.of();
    private final OptionCatalog catalog = OptionCatalog.standard();

    @Test
    void everyOptionOfTheSpecTableHasADefinitionNamedLikeIscDhcpd() {
        int[] table2 = new int[92];
        int n = 0;
        for (int c = 0; c <= 79; c++) {
            table2[n++] = c;
        }
        for (int c : new int[] {81, 82, 85, 86, 87, 90, 98, 118, 119, 120, 121, 255}) {
            table2[n++] = c;
        }
        for (int i = 0; i < n; i++) {
            int code = table2[i];
            OptionDefinition d = catalog.byCode("dhcp", code).orElseThrow(() -> new AssertionError("no " + code));
            assertThat(d.name()).isEqualTo(OptionCode.valueOf(code).name()).doesNotStartWith("option-");
            assertThat(catalog.byName(d.name())).contains(d);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "subnet-mask|255.255.0.0|ffff0000|255.255.0.0",
        "routers|198.51.100.1, 198.51.100.2|c6336401c6336402|198.51.100.1, 198.51.100.2",
        "domain-name|\"example.org\"|6578616d706c652e6f7267|\"example.org\"",
        "dhcp-lease-time|3600|00000e10|3600",
        "time-offset|-3600|fffff1f0|-3600",
        "ip-forwarding|false|00|false",
        "dhcp-client-identifier|01:02:00:00:00:0a:01|01020000000a01|01:02:00:00:00:0a:01",
        "vendor-class-identifier|\"udhcp 1.35.0\"|756468637020312e33352e30|\"udhcp 1.35.0\"",
        "static-routes|10.0.0.0 198.18.0.1, 10.1.0.0 198.18.0.2|0a000000c61200010a010000c6120002|10.0.0.0 198.18.0.1, 10.1.0.0 198.18.0.2",
        "dhcp-parameter-request-list|1, 3, 6|010306|1, 3, 6",
        "domain-search|\"example.org\", \"lab.example.org\"|076578616d706c65036f726700036c6162c000|\"example.org\", \"lab.example.org\"",
        "classless-static-routes|10.0.0.0/8 198.18.0.1, 0.0.0.0/0 198.18.0.1|080ac612000100c6120001|10.0.0.0/8 198.18.0.1, 0.0.0.0/0 198.18.0.1",
        "sip-servers|\"sip.example.test\"|0003736970076578616d706c65047465737400|\"sip.example.test\"",
        "sip-servers|198.18.0.5|01c6120005|198.18.0.5",
        "slp-directory-agent|true 198.18.0.1, 198.18.0.2|01c6120001c6120002|true 198.18.0.1, 198.18.0.2",
        "slp-service-scope|false \"default\"|0064656661756c74|false \"default\"",
        "user-class|\"vec-a\", \"b\"|057665632d610162|\"vec-a\", \"b\"",
        "vivso|32473 01:02:03:04|00007ed9040102030 4|32473 01:02:03:04",
        "fqdn|5 0 0 \"vec.example.test.\"|05000003766563076578616d706c65047465737400|5 0 0 \"vec.example.test.\"",
        "authenticate|1 1 0 7 aa:bb|010100000000000000000 7aabb|1 1 0 7 aa:bb",
        "agent.circuit-id|\"rel0\"|72656c30|\"rel0\"",
        "agent.link-selection|198.51.100.0|c6336400|198.51.100.0",
        "agent.subscriber-id|\"sub-1\"|7375622d31|\"sub-1\"",
        "subnet-selection|198.51.100.0|c6336400|198.51.100.0",
        "nds-servers|198.18.0.9|c6120009|198.18.0.9",
        "nds-tree-name|\"TREE\"|54524545|\"TREE\"",
        "uap-servers|\"http://uap.example.test/\"|687474703a2f2f7561702e6578616d706c652e746573742f|\"http://uap.example.test/\"",
    })
    void parsesAndFormatsDhcpdConfValues(String name, String text, String hex, String formatted) {
        OptionDefinition d = catalog.byName(name).orElseThrow();
        byte[] wire = d.type().parseValue(text);
        assertThat(HEX.formatHex(wire)).isEqualTo(hex.replace(" ", ""));
        assertThat(d.type().format(wire)).isEqualTo(formatted);
        assertThat(d.type().parseValue(formatted)).isEqualTo(wire);
    }

    @Test
    void typeTextRoundTrips() {
        for (String t : new String[] {"array of ip-address", "{ boolean, array of ip-address }", "unsigned integer 16",
            "domain-list compressed", "encapsulate agent", "array of { ip-address, ip-address }", "client-fqdn"}) {
            assertThat(OptionType.parse(t).name()).isEqualTo(t);
        }
        assertThat(OptionType.parse("integer 32").name()).isEqualTo("signed integer 32");
    }

    @Test
    void badValuesAndTypesFailWithAMessage() {
        OptionType ips = OptionType.parse("array of ip-address");
        assertThatThrownBy(() -> ips.parseValue("198.51.100.300")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("198.51.100.300");
        assertThatThrownBy(() -> OptionType.parse("array of text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionType.parse("unsigned integer 12")).hasMessageContaining("12");
        assertThatThrownBy(() -> OptionType.parse("unsigned integer 8").parseValue("256")).hasMessageContaining("256");
        // as ISC dhcpd 4.4 checks them: a signed field runs from its negative bound to the unsigned maximum
        assertThat(OptionType.parse("array of integer 8").parseValue("24, 198, 51, 100, 255, 0"))
                .containsExactly(24, (byte) 198, 51, 100, (byte) 255, 0);
        assertThat(OptionType.parse("signed integer 8").parseValue("-128")).containsExactly((byte) 0x80);
        assertThatThrownBy(() -> OptionType.parse("signed integer 8").parseValue("-129")).hasMessageContaining("-129");
        assertThatThrownBy(() -> OptionType.parse("integer 8").parseValue("256")).hasMessageContaining("256");
        assertThat(OptionType.parse("integer 16").parseValue("65535")).containsExactly((byte) 0xff, (byte) 0xff);
        assertThat(OptionType.parse("integer 32").parseValue("4294967295"))
                .containsExactly((byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff);
    }

    @Test
    void formatNeverThrowsOnMalformedBytes() {
        assertThat(OptionType.parse("ip-address").format(new byte[] {1, 2, 3})).isEqualTo("01:02:03");
        assertThat(OptionType.parse("user-class").format("vec-user-class".getBytes()))
            .isEqualTo("\"vec-user-class\"");
    }

    @Test
    void userDefinitionsExtendACopy() {
        OptionDefinition mine = new OptionDefinition("dhcp", 224, "user-id", OptionType.parse("text"));
        OptionCatalog c = catalog.with(mine);
        assertThat(c.byName("user-id")).contains(mine);
        assertThat(catalog.byName("user-id")).isEmpty();
        assertThat(catalog.byName("option-224")).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(224));
    }
}
