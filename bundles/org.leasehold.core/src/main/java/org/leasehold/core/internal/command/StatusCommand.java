package org.leasehold.core.internal.command;

import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.leasehold.api.ServerInfo;

/** {@code dhcp:status}: where the server listens and what it has done. */
@Service
@Command(scope = "dhcp", name = "status", description = "Shows the DHCP server's listening sockets and counters")
public class StatusCommand implements Action {

    @Reference
    ServerInfo server;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Key");
        table.column("Value");
        for (Map.Entry<String, String> e : server.status().entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue());
        }
        table.print(System.out);
        return null;
    }
}
