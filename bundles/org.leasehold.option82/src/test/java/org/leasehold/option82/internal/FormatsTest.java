package org.leasehold.option82.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasehold.option82.internal.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in input formats: ASCII text by regex, bit streams by layout, hex. */
class FormatsTest {

    @Test
    void textExtractsNamedGroupsInOrder() {
        TextFormat f = TextFormat.of("(?<node>\\S+) eth (?<slot>\\d+)/(?<port>\\d+):(?<vlan>\\d+)");
        assertThat(f.parse("dslam-7 eth 1/12:100".getBytes(StandardCharsets.US_ASCII)))
                .hasValueSatisfying(m -> assertThat(m).containsExactly(Map.entry("node", "dslam-7"),
                        Map.entry("slot", "1"), Map.entry("port", "12"), Map.entry("vlan", "100")));
        assertThat(f.parse("dslam-7 atm 1/12:8.35".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void textWithoutRegexIsTheWholeValue() {
        assertThat(TextFormat.of("").parse(hex("72656c30"))).hasValue(Map.of("text", "rel0"));
    }

    @Test
    void binaryIsNotText() {
        assertThat(TextFormat.of("").parse(hex("000400640105"))).isEmpty();
        assertThat(TextFormat.of("(?<all>.*)").parse(hex("72656c0a"))).isEmpty();
    }

    @Test
    void textRejectsBadOrGrouplessRegex() {
        assertThatThrownBy(() -> TextFormat.of("(?<a>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regex");
        assertThatThrownBy(() -> TextFormat.of("\\d+")).hasMessageContaining("named groups");
    }

    @Test
    void bitsReadTheCiscoVlanModPortCircuitId() {
        BitsFormat f = BitsFormat.of("_type:8=0 _len:8=4 vlan:16 module:8 port:8");
        assertThat(f.parse(hex("0004 0064 01 05"))).hasValueSatisfying(m -> assertThat(m)
                .containsExactly(Map.entry("vlan", "100"), Map.entry("module", "1"), Map.entry("port", "5")));
        assertThat(f.parse(hex("0104 0064 01 05"))).as("constant type byte differs").isEmpty();
        assertThat(f.parse(hex("0004 0064 01"))).as("length differs").isEmpty();
    }

    @Test
    void bitsCutAcrossByteBoundariesAndRender() {
        BitsFormat f = BitsFormat.of("pri:3 _cfi:1 vlan:12 mac:48:mac addr:32:ip raw:8:hex");
        byte[] value = hex("a0 64 020000000c99 c6336401 ff");
        assertThat(f.parse(value)).hasValueSatisfying(m -> assertThat(m).containsExactly(Map.entry("pri", "5"),
                Map.entry("vlan", "100"), Map.entry("mac", "02:00:00:00:0c:99"), Map.entry("addr", "198.51.100.1"),
                Map.entry("raw", "ff")));
    }

    @Test
    void bitsRejectBadLayouts() {
        assertThatThrownBy(() -> BitsFormat.of("vlan:12")).hasMessageContaining("whole bytes");
        assertThatThrownBy(() -> BitsFormat.of("vlan")).hasMessageContaining("name:bits");
        assertThatThrownBy(() -> BitsFormat.of("big:72")).hasMessageContaining("64");
        assertThatThrownBy(() -> BitsFormat.of("x:8:oct")).hasMessageContaining("x:8:oct");
        assertThatThrownBy(() -> BitsFormat.of("x:8=zz")).hasMessageContaining("zz");
    }

    @Test
    void hexDumpsTheValue() {
        assertThat(HexDumpFormat.INSTANCE.parse(hex("020000000c99"))).hasValue(Map.of("hex", "020000000c99"));
    }

    @Test
    void templatesFillFieldsAndReportTheMissingOne() {
        Template t = Template.parse("{node}/{slot}/{port} {{1}}");
        java.util.List<String> missing = new java.util.ArrayList<>();
        assertThat(t.render(Map.of("node", "an1", "slot", "2", "port", "3"), missing)).isEqualTo("an1/2/3 {1}");
        assertThat(t.render(Map.of("node", "an1"), missing)).isNull();
        assertThat(missing).containsExactly("slot");
        assertThatThrownBy(() -> Template.parse("{open")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> Template.parse("a}b")).hasMessageContaining("lone }");
    }

    @Test
    void addressRangesInThreeForms() {
        assertThat(AddressRange.parse("198.51.100.0/24").contains(Fixtures.ip("198.51.100.1"))).isTrue();
        assertThat(AddressRange.parse("198.51.100.0/24").contains(Fixtures.ip("198.51.101.1"))).isFalse();
        assertThat(AddressRange.parse("198.51.100.10-198.51.100.20").contains(Fixtures.ip("198.51.100.20"))).isTrue();
        assertThat(AddressRange.parse("198.51.100.1").contains(Fixtures.ip("198.51.100.2"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(Fixtures.ip("203.0.113.9"))).isTrue();
        assertThatThrownBy(() -> AddressRange.parse("relay1")).hasMessageContaining("relay1");
    }
}
