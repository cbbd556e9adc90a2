package org.leasehold.ddns.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.ddns.internal.DdnsService;

/**
 * {@code dhcp:ddns-resync}: queues again the DNS updates of every lease that has DNS records: adds for
 * active leases (RFC 4703 prerequisites make a repeated add harmless), removals for the others.
 */
@Service
@Command(scope = "dhcp", name = "ddns-resync", description = "Re-issues the DNS updates of the lease table")
public class DdnsResyncCommand implements Action {

    @Reference(optional = true)
    DdnsService ddns;

    @Override
    public Object execute() {
        if (ddns == null) {
            System.out.println("DDNS is not running");
            return null;
        }
        System.out.println(ddns.resync() + " update(s) queued");
        return null;
    }
}
