package org.leasehold.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigWarning;
import org.leasehold.core.internal.value.Ipv4;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigParserTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    void debianDefaultNamesItsUnimplementedStatementsAndUnresolvedNames() throws Exception {
        DhcpConfig config = ConfigParser.parse(resource("debian-dhcpd.conf"));

        assertThat(config.global().number("default-lease-time")).contains(600L);
        assertThat(config.global().number("max-lease-time")).contains(7200L);
        assertThat(config.warnings()).extracting(ConfigWarning::statement)
                .contains("ddns-update-style", "option domain-name-servers");
        assertThat(config.global().options()).extracting(o -> o.option().name()).containsExactly("domain-name");
    }

    @Test
    void debianExamplesEnabledPlaceSharedNetworkPoolsInTheirSubnets() throws Exception {
        DhcpConfig config = ConfigParser.parse(resource("debian-dhcpd-examples-enabled.conf"));

        assertThat(config.subnets()).hasSize(6);
        assertThat(config.subnetsById().get("10.17.224.0/24").pools()).singleElement()
                .satisfies(p -> assertThat(p.space()).isEqualTo("foo"));
        assertThat(config.subnetsById().get("10.0.29.0/24").pools()).singleElement()
                .satisfies(p -> assertThat(p.space()).isEmpty());
        assertThat(config.linkOf(config.subnetsById().get("10.0.29.0/24"))).hasSize(2);
        assertThat(config.subnetsById().get("10.254.239.32/27").pools().get(0).ranges().get(0).dynamicBootp()).isTrue();
        assertThat(config.warnings()).extracting(ConfigWarning::statement)
                .contains("log-facility", "fixed-address", "option routers", "ddns-update-style");
        assertThat(config.hosts()).extracting(HostDecl::name).containsExactly("passacaglia", "fantasia");
        assertThat(config.hosts().get(0).params().parameter("server-name")).map(Parameter::value)
                .contains("toccata.example.com");
    }

    @Test
    void specOverlapExampleLoadsThreePoolsInThreeSpaces() throws Exception {
        DhcpConfig config = ConfigParser.parse(resource("own/spec-overlap.conf"));

        SubnetDecl subnet = config.subnets().get(0);
        assertThat(subnet.id()).isEqualTo("10.0.0.0/16");
        assertThat(subnet.pools()).extracting(PoolDecl::space).containsExactly("A", "B", "C");
        assertThat(subnet.pools()).extracting(PoolDecl::size).containsExactly(50L, 100L, 150L);
        assertThat(config.warnings()).extracting(ConfigWarning::statement).contains("mask", "range", ";");
        assertThat(config.classes()).extracting(ClassDecl::name).containsExactly("A", "B", "C");
    }

    @Test
    void siteConfigModelsScopesClassesHostsAndIncludes() throws Exception {
        DhcpConfig config = ConfigParser.parse(resource("own/site.conf"));

        assertThat(config.global().parameter("authoritative")).map(Parameter::value).contains("true");
        assertThat(config.subnets()).extracting(SubnetDecl::id)
                .containsExactly("10.2.0.0/24", "10.3.0.0/24", "10.1.0.0/24", "10.9.0.0/24");
        SubnetDecl s3 = config.subnetsById().get("10.3.0.0/24");
        assertThat(s3.sharedNetwork()).contains("campus");
        assertThat(s3.pools()).extracting(PoolDecl::space).containsExactly("", "per-port");
        assertThat(s3.pools().get(0).ranges().get(0).dynamicBootp()).isTrue();
        HostDecl printer = config.hosts().get(0);
        assertThat(printer.hardware()).map(Object::toString).contains("01:00:11:22:33:44:55");
        assertThat(printer.fixedAddresses()).containsExactly(Ipv4.parse("10.1.0.20"));
        assertThat(printer.groups()).hasSize(1);
        assertThat(config.hosts().get(1).clientId()).map(b -> b.ascii()).contains("laptop-id");
        assertThat(config.subclasses()).extracting(SubclassDecl::name)
                .containsExactly("modems:01:00:11:22:33:44:55", "modems:6d:6f:64:65:6d:2d:37");
        assertThat(config.subclasses().get(1).leaseLimit()).hasValue(1);
        assertThat(config.classNamed("per-port").orElseThrow().spawnWith()).isPresent();
        Params s9 = config.subnetsById().get("10.9.0.0/24").params();
        assertThat(s9.parameter("default-lease-time")).isEmpty();
        assertThat(s9.conditionals()).singleElement().satisfies(c -> {
            assertThat(c.branches()).hasSize(2);
            assertThat(c.otherwise().number("default-lease-time")).contains(180L);
        });
    }

    @Test
    void productionIdiomsLoadWithEachIgnoredStatementNamed() throws Exception {
        DhcpConfig config = ConfigParser.parse(resource("own/pxe-and-hooks.conf"));

        assertThat(config.warnings()).extracting(ConfigWarning::statement).contains(
                "failover", "ddns-update-style", "ignore client-updates", "execute")
                // on commit and a log statement directly in a scope run now
                .doesNotContain("on", "log", "option space", "allow booting", "host-identifier");
        assertThat(config.hosts()).filteredOn(h -> h.name().equals("cm1")).singleElement()
                .satisfies(h -> assertThat(h.identifier()).hasValueSatisfying(o -> {
                    assertThat(o.option().space()).isEqualTo("agent");
                    assertThat(o.value().ascii()).isEqualTo("port-1");
                }));
        SubnetDecl s = config.subnets().get(0);
        assertThat(s.params().options()).anySatisfy(o -> {
            assertThat(o.option().space()).isEqualTo("pxelinux");
            assertThat(o.option().code()).isEqualTo(208);
            assertThat(o.value().toString()).isEqualTo("f1:00:74:7e");
        });
        assertThat(config.classNamed("pxeclients").orElseThrow().params().conditionals()).hasSize(1);
        assertThat(s.pools()).extracting(PoolDecl::space).containsExactly("pxeclients", "");
    }

    @Test
    void userDefinedAndHexOptionsAreEncoded() throws Exception {
        DhcpConfig config = ConfigParser.parse(resource("own/site.conf"));

        assertThat(config.global().options()).anySatisfy(o -> {
            assertThat(o.option().code()).isEqualTo(225);
            assertThat(o.value().toString()).isEqualTo("01:02:0a:ff");
        });
        assertThat(config.global().options()).anySatisfy(o -> {
            assertThat(o.option().code()).isEqualTo(224);
            assertThat(o.value().ascii()).isEqualTo("http://proxy.example.net:3128/");
        });
    }

    @Test
    void theCommonRfc3442DefinitionTakesOctetsAbove127AsIscDoes() throws Exception {
        DhcpConfig config = ConfigParser.parse("r.conf", """
                option rfc3442-classless-static-routes code 121 = array of integer 8;
                option rfc3442-classless-static-routes 24, 198, 51, 100, 198, 51, 100, 1, 0, 198, 51, 100, 1;
                """);

        assertThat(config.global().options()).singleElement().satisfies(o -> {
            assertThat(o.option().code()).isEqualTo(121);
            assertThat(o.value().toString()).isEqualTo("18:c6:33:64:c6:33:64:01:00:c6:33:64:01");
        });
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void numericTagCustomOptionIsAnAliasForOptionN() throws Exception {
        DhcpConfig config = ConfigParser.parse("t.conf", "option 224 01:02:ff;");

        assertThat(config.global().options()).singleElement().satisfies(o -> {
            assertThat(o.option().code()).isEqualTo(224);
            assertThat(o.value().toString()).isEqualTo("01:02:ff");
        });
        assertThat(config.warnings()).extracting(ConfigWarning::statement).containsExactly("option 224");
    }

    @Test
    void declarationsInsideConditionalsAreNamedAndIgnored() throws Exception {
        DhcpConfig config = ConfigParser.parse("t.conf",
                "if exists agent.circuit-id { host h { hardware ethernet 00:00:00:00:00:01; } }");

        assertThat(config.hosts()).isEmpty();
        assertThat(config.warnings()).extracting(ConfigWarning::statement).containsExactly("if");
    }

    @Test
    void overlappingRangesInOneSpaceNameBothPositions() {
        assertThatThrownBy(() -> ConfigParser.parse(resource("bad/overlap-same-space.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("overlap-same-space.conf:6:11")
                .hasMessageContaining("overlap-same-space.conf:3:11");
    }

    @Test
    void missingSemicolonNamesPositionAndExpectation() {
        assertThatThrownBy(() -> ConfigParser.parse(resource("bad/missing-semicolon.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing-semicolon.conf:2:1")
                .hasMessageContaining("expected ';'");
    }

    @Test
    void unknownStatementIsAnError() {
        assertThatThrownBy(() -> ConfigParser.parse(resource("bad/unknown-statement.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2:3")
                .hasMessageContaining("expected a declaration or parameter, found 'frobnicate'");
    }

    @Test
    void rangeOutsideSubnetAndUnknownClassAreReportedTogether() {
        String text = "subnet 10.0.0.0 netmask 255.255.255.0 {\n pool { range 10.0.1.1 10.0.1.5; allow members of \"x\"; }\n}\n";

        assertThatThrownBy(() -> ConfigParser.parse("t.conf", text))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("not inside subnet 10.0.0.0/24")
                .hasMessageContaining("members of \"x\"");
    }

    @Test
    void optionValuesSpanningLinesDropTheirComments() throws Exception {
        DhcpConfig config = ConfigParser.parse("t.conf",
                "option domain-name-servers 10.0.0.1, # primary\n  10.0.0.2; # backup\noption domain-name \"a#b\";");

        assertThat(config.global().options()).extracting(o -> o.value().toString())
                .containsExactly("0a:00:00:01:0a:00:00:02", "61:23:62");
    }

    @Test
    void duplicateSubnetNamesBothDeclarations() {
        assertThatThrownBy(() -> ConfigParser.parse("t.conf",
                "subnet 10.0.0.0 netmask 255.255.255.0 { }\nsubnet 10.0.0.0 netmask 255.255.255.0 { }"))
                .hasMessageContaining("t.conf:2:1: subnet 10.0.0.0/24 is already declared at t.conf:1:1");
    }

    @Test
    void hostBitsInSubnetNumberAndHoleyMaskAreRejected() {
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", "subnet 10.0.0.1 netmask 255.255.255.0 { }"))
                .hasMessageContaining("t.conf:1:8");
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", "subnet 10.0.0.0 netmask 255.0.255.0 { }"))
                .hasMessageContaining("contiguous netmask");
    }

    @Test
    void unterminatedBlockAndStringFailWithPositions() {
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", "group {\n  default-lease-time 5;\n"))
                .hasMessageContaining("t.conf:3:1").hasMessageContaining("expected '}'");
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", "option domain-name \"abc;\n"))
                .hasMessageContaining("t.conf:1:20").hasMessageContaining("unterminated string");
    }

    @Test
    void stringEscapesAreDecoded() throws Exception {
        DhcpConfig c = ConfigParser.parse("t.conf", "subclass \"k\" \"a\\tb\\\"\\101\\x42\";\nclass \"k\" { match hardware; }");

        assertThat(c.subclasses().get(0).value().ascii()).isEqualTo("a\tb\"AB");
    }

    @Test
    void includeOfMissingFileIsAConfigError() {
        assertThatThrownBy(() -> ConfigParser.parse("t.conf", "include \"/nonexistent/leasehold.conf\";"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.conf:1:9");
    }

    @Test
    void garbageNeverEscapesAsAnotherException() {
        String[] inputs = {"{", "}", ";;;", "subnet", "option", "class \"a\" { match if ( ; }", "\u0000\u00ff",
            "pool { range 1.2.3.4; }", "host h { hardware ethernet zz; }", "option routers 300.1.1.1;",
            "subclass \"a\" 1:2:3;", "class \"a\" { match if substring(option routers, 1); }"};
        for (String in : inputs) {
            assertThatThrownBy(() -> ConfigParser.parse("g.conf", in)).isInstanceOf(ConfigException.class);
        }
    }
}
