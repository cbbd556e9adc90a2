package org.leasehold.option82.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasehold.option82.internal.Fixtures.hex;
import static org.leasehold.option82.internal.Fixtures.ip;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.leasehold.testing.Configs;
import org.leasehold.option82.Option82Identity;
import org.leasehold.option82.Option82Parser;

class RuleEngineTest {

    private static final String PID = Option82Config.PID;
    /** The option 82 of the real relay-probe packet: circuit-id "rel0", remote-id 02:00:00:00:0c:99. */
    private static final byte[] PROBE = hex("010472656c300206020000000c99");
    private static final Function<String, Option82Parser> NONE = name -> null;

    private static RuleEngine engine(Map<String, Object> props) {
        return new RuleEngine(RuleParser.parse(props, PID));
    }

    private static Option82Identity identity(Resolution r) {
        assertThat(r).isInstanceOf(Resolution.Identified.class);
        return ((Resolution.Identified) r).identity();
    }

    @Test
    void textAndBitsInputsWithOutputFormats() {
        Map<String, Object> p = Configs.properties("""
                rule.1.name = lab-relay
                rule.1.giaddr = 198.51.100.0/24
                rule.1.circuit-id = text (?<iface>[a-z]+)(?<unit>\\d+)
                rule.1.remote-id = bits oui:24:hex nic:24:hex
                rule.1.output.circuit-id = {giaddr}:{iface}-{unit}
                rule.1.output.remote-id = {remote-id.hex}
                """);

        Option82Identity id = identity(engine(p).resolve(ip("198.51.100.1"), PROBE, NONE));

        assertThat(id.rule()).isEqualTo("lab-relay");
        assertThat(id.fields()).containsExactly(Map.entry("iface", "rel"), Map.entry("unit", "0"),
                Map.entry("oui", "020000"), Map.entry("nic", "000c99"));
        assertThat(id.circuitId()).hasValue("198.51.100.1:rel-0");
        assertThat(id.remoteId()).hasValue("020000000c99");
    }

    @Test
    void rulesAreChosenByGiaddrThenByRemoteIdPrefix() {
        Map<String, Object> p = Configs.properties("""
                rule.1.giaddr = 203.0.113.0/24
                rule.1.circuit-id = hex
                rule.2.remote-id-prefix = 0x0200
                rule.2.name = by-prefix
                rule.2.circuit-id = text
                rule.3.remote-id-prefix = \"DSLAM\"
                rule.3.circuit-id = hex
                """);
        RuleEngine e = engine(p);

        assertThat(identity(e.resolve(ip("198.51.100.1"), PROBE, NONE)).rule()).isEqualTo("by-prefix");
        assertThat(identity(e.resolve(ip("203.0.113.5"), PROBE, NONE)).rule()).isEqualTo("rule1");
        assertThat(e.resolve(ip("198.51.100.1"), hex("010472656c30"), NONE)).isInstanceOf(Resolution.NoRule.class);
    }

    @Test
    void ruleNamingAnAbsentPluginStepsAsideUntilItIsInstalled() {
        Map<String, Object> p = Configs.properties("""
                rule.1.circuit-id = slotport
                rule.1.output.circuit-id = S{slot}P{port}
                rule.2.circuit-id = text
                rule.2.output.circuit-id = {text}
                """);
        RuleEngine e = engine(p);
        byte[] value = hex("0103" + "342d37");
        Option82Parser plugin = Fixtures.slotPortPlugin();

        assertThat(identity(e.resolve(ip("198.51.100.1"), value, NONE)).circuitId()).hasValue("4-7");
        assertThat(identity(e.resolve(ip("198.51.100.1"), value, n -> n.equals("slotport") ? plugin : null))
                .circuitId()).hasValue("S4P7");
    }

    @Test
    void valueNoRuleCanReadIsUnparseable() {
        Map<String, Object> p = Map.of("rule.1.circuit-id", "bits vlan:16 module:8 port:8 extra:8");

        Resolution r = engine(p).resolve(ip("198.51.100.1"), PROBE, NONE);

        assertThat(r).isInstanceOfSatisfying(Resolution.Unparseable.class,
                u -> assertThat(u.reason()).contains("rule1").contains("rel0").contains("bits"));
    }

    @Test
    void missingSubOptionOrMissingOutputFieldIsUnparseable() {
        Map<String, Object> p = Map.of("rule.1.subscriber-id", "text",
                "rule.2.circuit-id", "text", "rule.2.output.circuit-id", "{port}");

        Resolution r = engine(p).resolve(ip("198.51.100.1"), PROBE, NONE);

        assertThat(r).isInstanceOfSatisfying(Resolution.Unparseable.class,
                u -> assertThat(u.reason()).contains("no subscriber-id"));
        Resolution r2 = engine(Map.of("rule.2.circuit-id", "text", "rule.2.output.circuit-id", "{port}"))
                .resolve(ip("198.51.100.1"), PROBE, NONE);
        assertThat(r2).isInstanceOfSatisfying(Resolution.Unparseable.class,
                u -> assertThat(u.reason()).contains("'port'"));
    }

    @Test
    void malformedOptionIsUnparseable() {
        RuleEngine e = engine(Map.of("rule.1.circuit-id", "hex"));

        assertThat(e.resolve(ip("198.51.100.1"), hex("0109726c"), NONE)).isInstanceOfSatisfying(
                Resolution.Unparseable.class, u -> assertThat(u.reason()).contains("overruns"));
        assertThat(e.resolve(ip("198.51.100.1"), hex("01"), NONE)).isInstanceOf(Resolution.Unparseable.class);
        assertThat(e.resolve(ip("198.51.100.1"), new byte[0], NONE)).isInstanceOf(Resolution.Unparseable.class);
    }

    @Test
    void throwingPluginIsUnparseableNotAnException() {
        Option82Parser broken = new Option82Parser() {
            @Override
            public String format() {
                return "broken";
            }

            @Override
            public java.util.Optional<Map<String, String>> parse(byte[] value) {
                throw new ArrayIndexOutOfBoundsException(7);
            }
        };
        Resolution r = engine(Map.of("rule.1.circuit-id", "broken")).resolve(ip("198.51.100.1"), PROBE, n -> broken);
        assertThat(r).isInstanceOf(Resolution.Unparseable.class);
    }

    @Test
    void configErrorsNameThePidAndKey() {
        assertThatThrownBy(() -> RuleParser.parse(Map.of("rule.3.circuit-id", "bits vlan:12"), PID))
                .hasMessageContaining("org.leasehold.option82 rule.3.circuit-id");
        assertThatThrownBy(() -> RuleParser.parse(Map.of("rule.1.giaddr", "10.0.0.0/8"), PID))
                .hasMessageContaining("rule.1 has no input format");
        assertThatThrownBy(() -> RuleParser.parse(Map.of("rule.1.circuit-id", "hex", "rule.1.colour", "red"), PID))
                .hasMessageContaining("rule.1.colour");
        assertThatThrownBy(() -> RuleParser.parse(Map.of("rule.1.circuit-id", "Not A Format"), PID))
                .hasMessageContaining("rule.1.circuit-id");
        assertThatThrownBy(() -> RuleParser.parse(Map.of("rule.1.circuit-id", "hex", "rule.1.remote-id-prefix", "0xZZ"), PID))
                .hasMessageContaining("remote-id-prefix");
    }

    @Test
    void rulesRunInNumericOrder() {
        Map<String, Object> p = Configs.properties("""
                rule.10.circuit-id = text
                rule.10.name = ten
                rule.9.circuit-id = text
                rule.9.name = nine
                component.name = ignored
                """);

        assertThat(engine(p).rules()).extracting(Rule::name).containsExactly("nine", "ten");
    }
}
