package org.leasehold.failover.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.failover.internal.FailoverService;

/**
 * {@code dhcp:failover-partner-down NAME}: the operator states that the partner is down (it is, and
 * will not answer clients): this server moves to PARTNER-DOWN and, once MCLT has passed, serves the
 * partner's free addresses too. Refused while the partner is connected and NORMAL.
 */
@Service
@Command(scope = "dhcp", name = "failover-partner-down", description = "Moves a failover relationship to PARTNER-DOWN")
public class FailoverPartnerDownCommand extends PeerCommand {

    @Override
    String run(FailoverService failover, String name) throws Exception {
        return failover.partnerDownNow(name);
    }
}
