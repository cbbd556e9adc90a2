package org.leasehold.failover.internal;

import java.util.List;
import java.util.Set;
import org.leasehold.api.config.ConfigParticipant;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.failover.internal.config.FailoverConf;
import org.leasehold.failover.internal.config.FailoverConfigReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The failover bundle's part in dhcpd.conf: it reads the {@code failover} statements, vetoes a reload
 * whose statements are wrong (at their {@code file:line:column}), and hands an accepted configuration
 * to the {@link FailoverService}, which starts, changes or stops relationships. With no failover
 * statements nothing starts. Thread-safe (the core calls it on its configuration thread).
 */
@Component(service = ConfigParticipant.class, property = ConfigParticipant.NAME + "=failover")
public final class FailoverParticipant implements ConfigParticipant {

    private final FailoverService service;

    @Activate
    public FailoverParticipant(@Reference FailoverService service) {
        this.service = service;
    }

    @Override
    public Set<String> keywords() {
        return Set.of("failover", "server-hba");
    }

    @Override
    public List<ConfigProblem> validate(DhcpdConf candidate) {
        return FailoverConfigReader.read(candidate).problems();
    }

    @Override
    public void apply(DhcpdConf accepted) {
        FailoverConf conf = FailoverConfigReader.read(accepted);
        service.configure(accepted, conf);
    }
}
