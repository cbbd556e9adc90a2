package org.leasehold.failover.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.leasehold.failover.internal.FailoverService;

/** A console action on one failover relationship, named as in dhcpd.conf; prints what happened. */
abstract class PeerCommand implements Action {

    @Reference(optional = true)
    FailoverService service;

    @Argument(name = "peer", required = true, description = "The failover peer's name, as in dhcpd.conf")
    String peer;

    @Override
    public Object execute() throws Exception {
        System.out.println(service == null ? "Failover is not running" : run(service, peer));
        return null;
    }

    abstract String run(FailoverService failover, String name) throws Exception;
}
