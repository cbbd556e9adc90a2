package org.leasehold.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.syntax.ConfigException;

/**
 * Option spaces, encapsulation (43 from vendor-option-space, 125 per enterprise, user encapsulations,
 * site-option-space) and ISC's supersede/default/append/prepend, with the bytes ISC dhcpd 4.4.3 puts
 * in its replies for the same statements (the hash-bucket order of common/options.c).
 */
class OptionMergeTest {

    private static DhcpOptions options(String text, String... classes) throws Exception {
        DhcpConfig config = ConfigParser.parse("merge.conf", text);
        ConfigView view = new ConfigView(config);
        List<Params> cls = java.util.Arrays.stream(classes)
                .map(c -> config.classNamed(c).orElseThrow().params()).toList();
        return view.options(view.scopes(Optional.of(config.subnets().get(0)), Optional.empty(), cls, Optional.empty(),
                null));
    }

    private static String hex(DhcpOptions o, int code) {
        return o.get(code).map(DhcpOption::value).map(v -> HexFormat.of().formatHex(v)).orElse(null);
    }

    private static final String SUNW = """
            option space SUNW code width 1 length width 1 hash size 3;
            option SUNW.server-address code 2 = ip-address;
            option SUNW.server-name code 3 = text;
            option SUNW.root-path code 4 = text;
            option SUNW.server-address 198.51.100.5;
            option SUNW.server-name "s1";
            """;

    @Test
    void vendorOptionSpaceBuildsOption43FromItsOptions() throws Exception {
        DhcpOptions o = options(SUNW + """
                class "sun" { match if option vendor-class-identifier = "SUNW"; vendor-option-space SUNW;
                  option SUNW.root-path "/r"; }
                subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }
                """, "sun");

        assertThat(hex(o, 43)).isEqualTo("0204c6336405" + "03027331" + "04022f72");
    }

    @Test
    void withoutVendorOptionSpaceTheSpaceStaysOutOfOption43() throws Exception {
        DhcpOptions o = options(SUNW + "subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }");

        assertThat(hex(o, 43)).isNull();
    }

    @Test
    void subOptionsGoOutInIscHashBucketOrder() throws Exception {
        // bucket of 18 is (18 & 31) % 17 = 1, shared with code 1; 35 is ((35 & 31) + (35 >> 5)) % 17 = 4
        DhcpOptions o = options("""
                option space S;
                option S.a code 1 = unsigned integer 8;
                option S.b code 18 = unsigned integer 8;
                option S.c code 35 = unsigned integer 8;
                option S.c 3;
                option S.a 1;
                option S.b 2;
                vendor-option-space S;
                subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }
                """);

        // bucket 1: 18 (saved last) before 1; then bucket 4: 35
        assertThat(OptionMerge.bucket(18)).isEqualTo(1);
        assertThat(OptionMerge.bucket(35)).isEqualTo(4);
        assertThat(hex(o, 43)).isEqualTo("120102" + "010101" + "230103");
    }

    private static final String ISC_SPACE = """
            option space ISC code width 1 length width 1 hash size 3;
            option ISC.sample code 1 = text;
            option vendor.ISC code 2495 = encapsulate ISC;
            option vendor-class.ISC code 2495 = text;
            option ISC.sample "Hi";
            option vendor-class.ISC "vc";
            """;

    @Test
    void vivsoCarriesOneBlockPerEnterpriseFromTheVendorSpace() throws Exception {
        DhcpOptions o = options(ISC_SPACE + """
                option vendor.acme code 32473 = string;
                option vendor.acme 01:02;
                subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }
                """);

        // the directly set enterprise first, then the encapsulated space (ISC's search_subencapsulation)
        assertThat(hex(o, 125)).isEqualTo("00007ed9" + "02" + "0102" + "000009bf" + "04" + "01024869");
        assertThat(hex(o, 124)).isEqualTo("000009bf" + "02" + "7663");
    }

    @Test
    void vivsoIsNotBuiltWithoutAValueInTheVendorSpaceItselfAsIscDoes() throws Exception {
        DhcpOptions o = options(ISC_SPACE + "subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }");

        assertThat(hex(o, 125)).isNull();
    }

    @Test
    void anEncapsulatingOptionsOwnValueIsSentInsteadOfItsSpace() throws Exception {
        DhcpOptions o = options(SUNW + """
                vendor-option-space SUNW;
                option vendor-encapsulated-options 01:01:07;
                subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }
                """);

        assertThat(hex(o, 43)).isEqualTo("010107");
    }

    @Test
    void spaceWidthsShapeTheEncoding() throws Exception {
        DhcpOptions o = options("""
                option space wide code width 2 length width 2;
                option wide.x code 300 = unsigned integer 16;
                option local-wide code 224 = encapsulate wide;
                option wide.x 7;
                subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }
                """);

        assertThat(hex(o, 224)).isEqualTo("012c" + "0002" + "0007");
    }

    @Test
    void siteOptionSpaceSendsItsSiteCodesAsTopLevelOptions() throws Exception {
        DhcpOptions o = options("""
                option space site;
                option site.motd code 224 = text;
                option site.motd "hi";
                site-option-space "site";
                subnet 198.51.100.0 netmask 255.255.255.0 { range 198.51.100.10 198.51.100.20; }
                """);

        assertThat(hex(o, 224)).isEqualTo("6869");
    }

    @Test
    void supersedeDefaultAppendPrependCombineAsIscExecutesScopesOutsideIn() throws Exception {
        DhcpOptions o = options("""
                option domain-name-servers 198.51.100.1;
                option routers 198.51.100.254;
                option ntp-servers 198.51.100.7;
                supersede time-offset 60;
                class "c" { match if exists user-class; prepend ntp-servers 198.51.100.6; }
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  range 198.51.100.10 198.51.100.20;
                  append domain-name-servers 198.51.100.2;
                  default routers 198.51.100.1;
                  default interface-mtu 1400;
                  supersede time-offset 120;
                }
                """, "c");

        assertThat(hex(o, 6)).isEqualTo("c6336401" + "c6336402");
        assertThat(hex(o, 3)).as("default keeps the outer value").isEqualTo("c63364fe");
        assertThat(hex(o, 26)).as("default fills what is unset").isEqualTo("0578");
        assertThat(hex(o, 42)).isEqualTo("c6336406" + "c6336407");
        assertThat(hex(o, 2)).isEqualTo("00000078");
    }

    @Test
    void appendInTheSameScopeExtendsThatScopesValue() throws Exception {
        DhcpOptions o = options("""
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  range 198.51.100.10 198.51.100.20;
                  option domain-name-servers 198.51.100.1;
                  append domain-name-servers 198.51.100.2;
                }
                """);

        assertThat(hex(o, 6)).isEqualTo("c6336401c6336402");
    }

    @Test
    void definitionsOutsideTheirSpaceOrPastItsCodeWidthAreErrorsAtTheirPosition() {
        assertThatThrownBy(() -> ConfigParser.parse("e.conf", "option nope.x code 1 = text;\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("e.conf:1:8")
                .hasMessageContaining("option space nope");
        assertThatThrownBy(() -> ConfigParser.parse("e.conf", "option space s;\noption s.x code 256 = text;\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("e.conf:2")
                .hasMessageContaining("0 to 255 in space s");
        assertThatThrownBy(() -> ConfigParser.parse("e.conf", "option space s code width 3;\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("code width must be 1, 2 or 4");
    }
}
