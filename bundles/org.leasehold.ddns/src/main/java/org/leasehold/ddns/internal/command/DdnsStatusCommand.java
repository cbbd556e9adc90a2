package org.leasehold.ddns.internal.command;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.leasehold.ddns.internal.DdnsService;
import org.leasehold.ddns.internal.UpdateSender;

/**
 * {@code dhcp:ddns-status}: the DDNS totals, then one line per zone: its servers and key, the update
 * jobs queued for it, UPDATE messages answered and failed, whether it backs off, and its last error.
 */
@Service
@Command(scope = "dhcp", name = "ddns-status", description = "Shows DNS update queues and counters per zone")
public class DdnsStatusCommand implements Action {

    @Reference(optional = true)
    DdnsService ddns;

    @Override
    public Object execute() {
        render(System.out);
        return null;
    }

    void render(PrintStream out) {
        if (ddns == null) {
            out.println("DDNS is not running");
            return;
        }
        Map<String, String> s = ddns.status();
        s.forEach((k, v) -> out.println(k + " = " + v));
        if (ddns.zoneRows().isEmpty()) {
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Zone", "Servers", "Key", "Queued", "Sent", "Failed", "State", "Last error"}) {
            t.column(c);
        }
        for (DdnsService.ZoneRow r : ddns.zoneRows()) {
            t.addRow().addContent(r.zone().name(),
                    r.zone().servers().stream().map(UpdateSender::hostPort).collect(Collectors.joining(",")),
                    r.zone().key().map(k -> k.name() + " (" + k.algorithm() + ")").orElse("(unsigned)"),
                    r.queued(), r.sent(), r.failed(), r.backingOff() ? "backing off" : "ok",
                    r.lastError().isEmpty() ? "-" : r.lastError());
        }
        t.print(out);
    }
}
