package org.leasehold.ddns.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.ddns.internal.Confs;
import org.junit.jupiter.api.Test;

class DdnsConfigReaderTest {

    private static DdnsConfigReader.Result read(String text) {
        return DdnsConfigReader.read(Confs.parse(text));
    }

    private static List<String> problems(String text) {
        return read(text).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void readsTheIscStatementsOfAStandardSetUp() {
        DdnsConfigReader.Result r = read(Confs.standard("standard", "127.0.0.1", "secure-ddns true;\n"));
        assertThat(r.problems()).isEmpty();
        DdnsSettings s = r.settings();
        assertThat(s.style()).isEqualTo(DdnsSettings.Style.STANDARD);
        assertThat(s.secure()).isTrue();
        assertThat(s.zones()).extracting(ZoneConfig::name).containsExactly("example.test", "18.198.in-addr.arpa");
        ZoneConfig fwd = s.zoneFor("Host.Example.Test.").orElseThrow();
        assertThat(fwd.name()).isEqualTo("example.test");
        assertThat(fwd.servers()).hasSize(1);
        assertThat(fwd.servers().get(0).getPort()).isEqualTo(53);
        assertThat(fwd.key()).get().extracting(TsigKey::name, TsigKey::algorithm, TsigKey::secret)
                .containsExactly("dhcp-update", "hmac-sha256", Confs.SECRET);
        assertThat(s.zoneFor("5.1.18.198.in-addr.arpa")).get().extracting(ZoneConfig::name)
                .isEqualTo("18.198.in-addr.arpa");
        assertThat(s.zoneFor("elsewhere.test")).isEmpty();
        assertThat(fwd.key().get().toString()).doesNotContain(Confs.SECRET);
    }

    @Test
    void withoutStatementsDdnsIsOff() {
        DdnsConfigReader.Result r = read("subnet 198.18.0.0 netmask 255.255.0.0 { range 198.18.1.1 198.18.1.2; }\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.settings().enabled()).isFalse();
    }

    @Test
    void interimAndNoneAreStyles() {
        assertThat(read(Confs.standard("interim", "127.0.0.1", "")).settings().style())
                .isEqualTo(DdnsSettings.Style.INTERIM);
        assertThat(read(Confs.standard("none", "127.0.0.1", "")).settings().enabled()).isFalse();
    }

    @Test
    void secureDdnsRejectsAZoneWithoutKeyAtItsLine() {
        String text = "secure-ddns true;\nddns-update-style standard;\n"
                + "zone example.test. { primary 127.0.0.1; }\n";
        assertThat(problems(text)).containsExactly(
                "dhcpd.conf:3:1: secure-ddns is on, but zone example.test has no key: every update must be TSIG-signed");
    }

    @Test
    void aZoneWithoutKeyIsAllowedWithoutSecureDdns() {
        DdnsConfigReader.Result r = read("ddns-update-style standard;\nzone example.test. { primary 127.0.0.1; }\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.settings().zones().get(0).key()).isEmpty();
    }

    @Test
    void errorsNameTheirLine() {
        String text = String.join("\n",
                "ddns-update-style adhoc;",
                "ddns-updates maybe;",
                "ddns-ttl forever;",
                "ddns-hostname = concat(\"a\", \"b\");",
                "key k1 { algorithm hmac-sha999; secret \"" + Confs.SECRET + "\"; };",
                "key k2 { algorithm hmac-sha256; secret \"not base64!\"; };",
                "key k3 { algorithm hmac-sha256; };",
                "zone example.test. { primary ns.example.test; key k1; }",
                "zone other.test. { primary 127.0.0.1; key nokey; }",
                "zone third.test. { key k3; }",
                "subnet 198.18.0.0 netmask 255.255.0.0 { ddns-domainname \"bad..name\"; }",
                "");
        assertThat(problems(text)).containsExactlyInAnyOrder(
                "dhcpd.conf:1:1: expected ddns-update-style standard, interim or none, found adhoc",
                "dhcpd.conf:2:1: expected true, false, on or off for ddns-updates, found maybe",
                "dhcpd.conf:3:1: expected a TTL in seconds (0-2147483647) for ddns-ttl, found forever",
                "dhcpd.conf:4:1: ddns-hostname: only a quoted host name is supported (expressions are not),"
                        + " found concat ( a , b )",
                "dhcpd.conf:5:10: unknown TSIG algorithm 'hmac-sha999' (hmac-md5, hmac-sha1, hmac-sha224,"
                        + " hmac-sha256, hmac-sha384, hmac-sha512)",
                "dhcpd.conf:6:33: the key's secret is not base64: Illegal base64 character 20",
                "dhcpd.conf:7:1: key k3 has no secret",
                "dhcpd.conf:8:30: expected an IPv4 address for the primary server, found 'ns.example.test'"
                        + " (host names are not resolved)",
                "dhcpd.conf:9:39: zone other.test names key 'nokey', which is not declared",
                "dhcpd.conf:10:1: zone third.test has no primary server",
                "dhcpd.conf:11:41: expected a domain name for ddns-domainname, found bad..name");
    }

    @Test
    void secretsThatLexAsSeveralTokensAreJoined() {
        String text = "ddns-update-style standard;\nkey k { algorithm HMAC-MD5.SIG-ALG.REG.INT; secret ab+c/d==; };\n"
                + "zone example.test { primary 127.0.0.1, 127.0.0.2; secondary 127.0.0.3; key k; }\n";
        DdnsConfigReader.Result r = read(text);
        assertThat(r.problems()).isEmpty();
        ZoneConfig z = r.settings().zones().get(0);
        assertThat(z.servers()).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(z.key().orElseThrow().secret()).isEqualTo("ab+c/d==");
        assertThat(z.key().orElseThrow().algorithm()).isEqualTo("hmac-md5");
    }

    @Test
    void ddnsUpdateStyleIsGlobalOnly() {
        assertThat(problems("subnet 198.18.0.0 netmask 255.255.0.0 { ddns-update-style standard; }\n"))
                .singleElement().asString().startsWith("dhcpd.conf:1:41: ddns-update-style is a global parameter");
    }
}
