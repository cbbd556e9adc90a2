package org.leasehold.failover.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.failover.internal.FailoverService;

/** {@code dhcp:failover-rebalance NAME}: the primary evens out the free and backup pools now. */
@Service
@Command(scope = "dhcp", name = "failover-rebalance", description = "Balances a failover relationship's pools now")
public class FailoverRebalanceCommand extends PeerCommand {

    @Override
    String run(FailoverService failover, String name) throws Exception {
        return failover.rebalance(name);
    }
}
