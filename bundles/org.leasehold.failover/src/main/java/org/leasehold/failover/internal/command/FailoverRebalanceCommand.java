package org.leasehold.failover.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.failover.internal.FailoverService;

/** {@code dhcp:failover-rebalance NAME}: the primary evens out the free and backup pools now. */
@Service
@Command(scope = "dhcp", name = "failover-rebalance", description = "Balances a failover relationship's pools now")
public class FailoverRebalanceCommand implements Action {

    @Reference(optional = true)
    FailoverService service;

    @Argument(name = "peer", required = true, description = "The failover peer's name, as in dhcpd.conf")
    String peer;

    @Override
    public Object execute() throws Exception {
        System.out.println(service == null ? "Failover is not running" : service.rebalance(peer));
        return null;
    }
}
