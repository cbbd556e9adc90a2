package org.leasehold.nacf.internal.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.nacf.internal.NacfService;

/**
 * {@code dhcp:nacf-status}: the CLF connection (state, since when, last heartbeat answered, misses),
 * the push queue, and every counter, one {@code key = value} line each.
 */
@Service
@Command(scope = "dhcp", name = "nacf-status", description = "Shows the CLF connection, the push queue and the NACF counters")
public class NacfStatusCommand implements Action {

    @Reference(optional = true)
    NacfService nacf;

    @Override
    public Object execute() {
        render(System.out);
        return null;
    }

    void render(PrintStream out) {
        if (nacf == null) {
            out.println("NACF is not running (no etc/org.leasehold.nacf.cfg)");
            return;
        }
        nacf.status().forEach((k, v) -> out.println(k + " = " + v));
    }
}
