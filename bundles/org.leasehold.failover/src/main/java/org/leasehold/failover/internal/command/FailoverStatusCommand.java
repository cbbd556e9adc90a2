package org.leasehold.failover.internal.command;

import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.failover.internal.FailoverService;

/**
 * {@code dhcp:failover-status}: each relationship's state and its partner's, since when, the link,
 * the clock skew, the MCLT, the split and the binding-update counters.
 */
@Service
@Command(scope = "dhcp", name = "failover-status", description = "Shows the failover relationships")
public class FailoverStatusCommand implements Action {

    @Reference(optional = true)
    FailoverService service;

    @Override
    public Object execute() {
        System.out.print(render(service == null ? Map.of() : service.status()));
        return null;
    }

    static String render(Map<String, String> lines) {
        if (lines.isEmpty()) {
            return "No failover peer is configured (dhcpd.conf has no 'failover peer' declaration)\n";
        }
        StringBuilder b = new StringBuilder();
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        lines.forEach((k, v) -> b.append(String.format("%-" + width + "s  %s%n", k, v)));
        return b.toString();
    }
}
