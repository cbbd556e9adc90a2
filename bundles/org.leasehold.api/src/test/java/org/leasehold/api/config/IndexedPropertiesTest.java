package org.leasehold.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class IndexedPropertiesTest {

    @Test
    void groupsNumberedKeysInNumberOrderWithTrimmedValues() {
        Map<String, Object> props = new HashMap<>();
        props.put("rule.10.name", " ten ");
        props.put("rule.2.name", "two");
        props.put("rule.2.output.circuit-id", "{1}");
        props.put("rule.2.giaddr", 198);
        props.put("rule.3.name", null);
        props.put("rules.4.name", "other list");
        props.put("rule.x.name", "not numbered");
        props.put("rule.5", "no key");
        props.put("service.pid", "org.leasehold.option82");

        SortedMap<Integer, SortedMap<String, String>> g = IndexedProperties.group(props, "rule");

        assertThat(List.copyOf(g.keySet())).containsExactly(2, 10);
        assertThat(List.copyOf(g.get(2).keySet())).containsExactly("giaddr", "name", "output.circuit-id");
        assertThat(g.get(2)).containsEntry("giaddr", "198").containsEntry("output.circuit-id", "{1}");
        assertThat(g.get(10)).containsExactly(Map.entry("name", "ten"));
        assertThatThrownBy(() -> g.get(2).put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void thePrefixIsLiteral() {
        Map<String, Object> props = Map.of("option.1.code", "224", "optionX1.code", "225");
        assertThat(IndexedProperties.group(props, "option")).containsOnlyKeys(1);
        assertThat(IndexedProperties.group(Map.of("a+b.1.k", "v"), "a+b")).containsOnlyKeys(1);
    }
}
