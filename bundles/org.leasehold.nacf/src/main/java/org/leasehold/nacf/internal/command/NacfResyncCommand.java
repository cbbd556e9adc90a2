package org.leasehold.nacf.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.nacf.internal.NacfService;

/** {@code dhcp:nacf-resync}: queues an attach to the CLF for every active lease. */
@Service
@Command(scope = "dhcp", name = "nacf-resync", description = "Pushes an attach to the CLF for every active lease")
public class NacfResyncCommand implements Action {

    @Reference(optional = true)
    NacfService nacf;

    @Override
    public Object execute() {
        if (nacf == null) {
            System.out.println("NACF is not running (no etc/org.leasehold.nacf.cfg)");
            return null;
        }
        System.out.println(nacf.resync() + " attach(es) queued");
        return null;
    }
}
