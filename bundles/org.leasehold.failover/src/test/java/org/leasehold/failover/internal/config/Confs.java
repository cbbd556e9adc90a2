package org.leasehold.failover.internal.config;

import org.leasehold.api.config.DhcpdConf;
import org.leasehold.core.internal.capability.LoadedConf;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.engine.ConfigView;

/** dhcpd.conf text read by the core's own parser, as the running server hands it to the failover bundle. */
public final class Confs {
    private Confs() {
    }

    public static DhcpdConf parse(String text) {
        try {
            return new LoadedConf("dhcpd.conf", 1, new ConfigView(ConfigParser.parse("dhcpd.conf", text)));
        } catch (ConfigException e) {
            throw new AssertionError("the core does not parse the test configuration: " + e.getMessage(), e);
        }
    }
}
