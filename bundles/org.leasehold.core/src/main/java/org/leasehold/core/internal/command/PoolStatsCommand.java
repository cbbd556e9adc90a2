package org.leasehold.core.internal.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.core.internal.ServingState;
import org.apache.karaf.shell.support.table.ShellTable;
import org.leasehold.core.internal.alloc.PoolStat;
import org.leasehold.core.internal.alloc.PoolStatsProvider;

/** {@code dhcp:pool-stats}: size and occupancy of every pool, per address space. */
@Service
@Command(scope = "dhcp", name = "pool-stats", description = "Shows each pool's size, busy, abandoned and free addresses")
public class PoolStatsCommand implements Action {

    @Reference(optional = true)
    PoolStatsProvider stats;

    @Reference
    ServingState serving;

    @Option(name = "--json", description = "Print JSON for scripts")
    boolean json;

    @Override
    public Object execute() {
        Serving.require(stats, serving);
        System.out.print(render(stats.poolStats(), json));
        return null;
    }

    public static String render(List<PoolStat> stats, boolean json) {
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            for (PoolStat s : stats) {
                sb.append(sb.length() > 1 ? ",\n " : "").append(String.format(
                        "{\"subnet\":\"%s\",\"pool\":\"%s\",\"space\":\"%s\",\"size\":%d,\"busy\":%d,\"abandoned\":%d,\"free\":%d}",
                        s.subnet(), s.pool(), escape(s.space()), s.size(), s.busy(), s.abandoned(), s.free()));
            }
            return sb.append("]\n").toString();
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Subnet", "Pool", "Space", "Size", "Busy", "Abandoned", "Free", "Used%")) {
            table.column(c);
        }
        for (PoolStat s : stats) {
            long pct = s.size() == 0 ? 0 : (s.busy() + s.abandoned()) * 100 / s.size();
            table.addRow().addContent(s.subnet(), s.pool(), s.space(), s.size(), s.busy(), s.abandoned(), s.free(), pct);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            table.print(ps);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
