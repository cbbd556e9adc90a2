package org.leasehold.core.internal.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.core.internal.ServingState;
import org.leasehold.core.internal.engine.ServerControl;

/**
 * {@code dhcp:reload}: re-reads dhcpd.conf. A file with errors is rejected (each problem printed
 * as file:line:column) and the running configuration keeps serving; leases are kept either way.
 */
@Service
@Command(scope = "dhcp", name = "reload", description = "Re-reads dhcpd.conf; a bad file is rejected and the running one kept")
public class ReloadCommand implements Action {

    @Reference(optional = true)
    ServerControl control;

    @Reference
    ServingState serving;

    @Override
    public Object execute() {
        Serving.require(control, serving);
        List<String> problems = control.reloadConfiguration();
        if (problems.isEmpty()) {
            System.out.println("dhcpd.conf reloaded");
            return null;
        }
        System.out.println("dhcpd.conf rejected, the running configuration keeps serving:");
        problems.forEach(p -> System.out.println("  " + p));
        throw new IllegalStateException("dhcpd.conf rejected (" + problems.size() + " problem(s))");
    }
}
