package org.leasehold.core.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.core.internal.ServingState;

/**
 * {@code dhcp:health}: one line, {@code serving on ...}, and success; otherwise the reason and a
 * failure, so that {@code bin/dhcp health} exits non-zero for a supervisor when DHCP is not served
 * (still starting counts as not serving).
 */
@Service
@Command(scope = "dhcp", name = "health", description = "Says whether DHCP is served; fails (non-zero exit from bin/dhcp) when it is not")
public class HealthCommand implements Action {

    @Reference
    ServingState serving;

    @Override
    public Object execute() {
        String line = serving.headline();
        if (serving.snapshot().phase() != ServingState.Phase.SERVING) {
            throw new IllegalStateException(line);
        }
        System.out.println(line);
        return null;
    }
}
