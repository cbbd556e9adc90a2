package org.leasehold.failover.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.failover.internal.FailoverService;

/**
 * {@code dhcp:failover-partner-down NAME}: the operator states that the partner is down (it is, and
 * will not answer clients): this server moves to PARTNER-DOWN and, once MCLT has passed, serves the
 * partner's free addresses too. Refused while the partner is connected and NORMAL.
 */
@Service
@Command(scope = "dhcp", name = "failover-partner-down", description = "Moves a failover relationship to PARTNER-DOWN")
public class FailoverPartnerDownCommand implements Action {

    @Reference(optional = true)
    FailoverService service;

    @Argument(name = "peer", required = true, description = "The failover peer's name, as in dhcpd.conf")
    String peer;

    @Override
    public Object execute() throws Exception {
        System.out.println(run());
        return null;
    }

    String run() throws Exception {
        if (service == null) {
            return "Failover is not running";
        }
        return service.partnerDown(peer);
    }
}
