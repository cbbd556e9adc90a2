package org.leasehold.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasehold.core.internal.syntax.ConfigException;

/** Parsing of ISC {@code on} blocks and {@code switch}: what is kept, and errors at file:line:column. */
class EventAndSwitchParseTest {

    private static DhcpConfig parse(String text) throws ConfigException {
        return ConfigParser.parse("test.conf", text);
    }

    @Test
    void onBlocksAreKeptPerScopeWithTheirEvents() throws Exception {
        DhcpConfig c = parse("""
                on commit or expiry { set a = "1"; }
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  pool {
                    range 198.51.100.10 198.51.100.20;
                    on release { unset a; log (error, "r"); execute ("/bin/true", "x"); }
                  }
                }
                """);
        List<EventBlock> global = c.global().events();
        assertThat(global).hasSize(1);
        assertThat(global.get(0).events()).containsExactlyInAnyOrder(EventBlock.Event.COMMIT, EventBlock.Event.EXPIRY);
        assertThat(global.get(0).pos().line()).isEqualTo(1);
        EventBlock pool = c.subnets().get(0).pools().get(0).params().events().get(0);
        assertThat(pool.events()).containsExactly(EventBlock.Event.RELEASE);
        assertThat(pool.statements()).hasSize(3);
        assertThat(pool.statements().get(1)).isEqualTo(new EventStatement.Log("error",
                ((EventStatement.Log) pool.statements().get(1)).message(), pool.statements().get(1).pos()));
        assertThat(pool.statements().get(2)).isInstanceOfSatisfying(EventStatement.Execute.class,
                e -> assertThat(e.program()).isEqualTo("/bin/true"));
        assertThat(c.warnings()).anySatisfy(w -> {
            assertThat(w.statement()).isEqualTo("execute");
            assertThat(w.message()).contains("eventsExecute = true in etc/org.leasehold.core.cfg");
            assertThat(w.pos().line()).isEqualTo(5);
        });
        assertThat(c.warnings()).noneSatisfy(w -> assertThat(w.statement()).isIn("on", "set", "unset", "log"));
    }

    @Test
    void logWithoutAPriorityIsDebugAsInIsc() throws Exception {
        EventBlock b = parse("on commit { log (concat (\"a\", \"b\")); }").global().events().get(0);
        assertThat(((EventStatement.Log) b.statements().get(0)).priority()).isEqualTo("debug");
    }

    @Test
    void malformedEventBlocksFailAtFileLineColumn() {
        assertThatThrownBy(() -> parse("subnet 198.51.100.0 netmask 255.255.255.0 {\n  on commit {\n    set x = ;\n  }\n}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test.conf:3:13");
        assertThatThrownBy(() -> parse("on renew { log (info, \"x\"); }\n"))
                .hasMessageContaining("test.conf:1:4").hasMessageContaining("expected an event (commit, release or expiry)");
        assertThatThrownBy(() -> parse("on commit {\n  log (info, \"x\");\n"))
                .hasMessageContaining("test.conf:3:1").hasMessageContaining("expected '}' to close the on block opened at");
        assertThatThrownBy(() -> parse("on commit { break; }\n"))
                .hasMessageContaining("test.conf:1:13").hasMessageContaining("'break' is allowed only inside switch");
        assertThatThrownBy(() -> parse("on commit { execute (\"/bin/true\" \"x\"); }\n"))
                .hasMessageContaining("test.conf:1:34");
        assertThatThrownBy(() -> parse("on commit { switch (option host-name) { set a = \"1\"; } }\n"))
                .hasMessageContaining("test.conf:1:41").hasMessageContaining("expected 'case' or 'default'");
    }

    @Test
    void malformedSwitchInAScopeFailsAtFileLineColumn() {
        assertThatThrownBy(() -> parse("switch (option host-name) {\n  case \"a\":\n    default-lease-time 60;\n"
                + "  default:\n  default:\n}\n"))
                .hasMessageContaining("test.conf:5:3").hasMessageContaining("one 'default'");
        assertThatThrownBy(() -> parse("switch option host-name { }\n")).hasMessageContaining("test.conf:1:8");
    }

    @Test
    void aScopeSwitchIsAConditionalWithFallThroughToBreak() throws Exception {
        DhcpConfig c = parse("""
                switch (option host-name) {
                  case "a":
                    default-lease-time 100;
                  case "b":
                    max-lease-time 200;
                    break;
                    min-lease-time 1;
                  case "c":
                    default-lease-time 500;
                  default:
                    default-lease-time 900;
                }
                """);
        Conditional sw = c.global().conditionals().get(0);
        assertThat(sw.branches()).hasSize(3);
        Params a = sw.branches().get(0).body();
        assertThat(a.number("default-lease-time")).contains(100L);
        assertThat(a.number("max-lease-time")).contains(200L);
        assertThat(a.number("min-lease-time")).isEmpty();
        Params b = sw.branches().get(1).body();
        assertThat(b.number("default-lease-time")).isEmpty();
        assertThat(b.number("max-lease-time")).contains(200L);
        // case "c" falls into default: the later statement wins
        assertThat(sw.branches().get(2).body().number("default-lease-time")).contains(900L);
        assertThat(sw.otherwise().number("default-lease-time")).contains(900L);
    }
}
