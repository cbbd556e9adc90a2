package org.leasehold.core.internal.command;

import java.util.Comparator;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.lease.Lease;
import org.leasehold.core.internal.ServingState;
import org.leasehold.core.internal.engine.ServerControl;

/**
 * {@code dhcp:status}: first whether the server serves ({@code serving on ...}, {@code starting}, or
 * {@code not serving: <reason>}), then where it listens and what it has done; {@code --leases} adds the
 * lease table.
 */
@Service
@Command(scope = "dhcp", name = "status", description = "Shows the DHCP server's listening sockets and counters")
public class StatusCommand implements Action {

    @Reference
    ServingState serving;

    @Reference(optional = true)
    ServerInfo server;

    @Reference(optional = true)
    ServerControl control;

    @Option(name = "--leases", aliases = "-l", description = "Also list every lease (address, state, client, times, option 82)")
    boolean leases;

    @Override
    public Object execute() {
        System.out.println(serving.headline());
        if (server == null) {
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Key");
        table.column("Value");
        for (Map.Entry<String, String> e : server.status().entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue());
        }
        table.print(System.out);
        if (leases && control != null) {
            leaseTable().print(System.out);
        }
        return null;
    }

    ShellTable leaseTable() {
        return LeaseTable.of(control.leases().all().stream()
                .sorted(Comparator.comparing((Lease l) -> l.key().space()).thenComparing(StatusCommand::addressKey))
                .toList(), "No leases");
    }

    private static long addressKey(Lease l) {
        byte[] b = l.key().address().getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }
}
