package org.leasehold.option82.internal.command;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.option82.internal.Option82Handler;
import org.leasehold.option82.internal.Resolution;

/**
 * {@code dhcp:option82-test HEX}: what the configured rules and installed formats make of an option
 * 82 value, without a packet. HEX is the option's value (sub-options), or the whole option starting
 * with {@code 52 LL}; colons and spaces are ignored. Also prints the installed formats and the
 * counters of real packets (identified, no rule, unparseable).
 */
@Service
@Command(scope = "dhcp", name = "option82-test", description = "Parses an option 82 value with the configured rules")
public class Option82TestCommand implements Action {

    @Reference(optional = true)
    Option82Handler handler;

    @Option(name = "--giaddr", description = "Relay address the value comes from (default 0.0.0.0)")
    String giaddr = "0.0.0.0";

    @Argument(name = "hex", required = true, description = "Option 82 value in hex, e.g. 010472656c30")
    String hex;

    @Override
    public Object execute() {
        System.out.print(run());
        return null;
    }

    String run() {
        if (handler == null) {
            return "Option 82 parsing is not configured (PID org.leasehold.option82 has no rules)\n";
        }
        byte[] value;
        Inet4Address relay;
        try {
            value = value(hex);
            relay = (Inet4Address) InetAddress.getByName(giaddr);
        } catch (IllegalArgumentException | UnknownHostException | ClassCastException e) {
            return "Bad input: " + e.getMessage() + "\n";
        }
        StringBuilder out = new StringBuilder();
        Resolution r = handler.dryRun(relay, value);
        if (r instanceof Resolution.Identified id) {
            out.append("rule       ").append(id.identity().rule()).append('\n');
            for (Map.Entry<String, String> f : id.identity().fields().entrySet()) {
                out.append("field      ").append(f.getKey()).append(" = ").append(f.getValue()).append('\n');
            }
            id.identity().circuitId().ifPresent(c -> out.append("circuit-id ").append(c).append('\n'));
            id.identity().remoteId().ifPresent(c -> out.append("remote-id  ").append(c).append('\n'));
        } else if (r instanceof Resolution.Unparseable u) {
            out.append("unparseable: ").append(u.reason()).append('\n');
        } else {
            out.append("no rule applies (rules: ").append(handler.ruleNames()).append(")\n");
        }
        out.append("formats installed: ").append(handler.formats()).append('\n');
        out.append("packets so far: identified ").append(handler.identified()).append(", no rule ")
                .append(handler.unmatched()).append(", unparseable ").append(handler.unparseable()).append('\n');
        return out.toString();
    }

    /** The option value; a leading 0x52 header is dropped when its length byte fits the rest. */
    static byte[] value(String text) {
        String h = text.replaceAll("[\\s:]", "");
        if (h.startsWith("0x")) {
            h = h.substring(2);
        }
        byte[] b = HexFormat.of().parseHex(h);
        if (b.length >= 2 && (b[0] & 0xff) == 82 && (b[1] & 0xff) == b.length - 2) {
            byte[] v = new byte[b.length - 2];
            System.arraycopy(b, 2, v, 0, v.length);
            return v;
        }
        return b;
    }
}
