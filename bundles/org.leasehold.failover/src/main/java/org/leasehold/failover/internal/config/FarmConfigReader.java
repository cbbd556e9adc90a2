package org.leasehold.failover.internal.config;

import java.util.List;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigScope;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.ScopedStatement;

/**
 * Reads the server-level hash bucket assignment of a server farm: {@code server-hba HEX;} at the top
 * level of dhcpd.conf, 32 colon-separated bytes as in a failover peer's {@code hba}. Without it the
 * server answers every client (the spec's default of all ones). Both servers of a failover pair carry
 * the same one. Stateless.
 */
public final class FarmConfigReader {

    private FarmConfigReader() {
    }

    /** The farm HBA in force, null when none is written; problems go to {@code problems}. */
    public static Hba read(DhcpdConf conf, List<ConfigProblem> problems) {
        Hba hba = null;
        ConfigStatement first = null;
        for (ScopedStatement ss : conf.statements("server-hba")) {
            ConfigStatement s = ss.statement();
            if (ss.scope().kind() != ConfigScope.Kind.GLOBAL) {
                problems.add(ConfigProblem.at(s, "server-hba is a server-level setting: write it at the top level,"
                        + " not in " + ss.scope()));
                continue;
            }
            if (first != null) {
                problems.add(ConfigProblem.at(s, "server-hba written twice (first at " + first.position() + ")"));
                continue;
            }
            first = s;
            if (s.hasBlock() || s.arguments().size() != 1) {
                problems.add(ConfigProblem.at(s, "expected 'server-hba' and 32 colon-separated hex bytes"));
                continue;
            }
            try {
                hba = Hba.parse(s.arguments().get(0).text());
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProblem.at(s.arguments().get(0), e.getMessage()));
            }
        }
        return hba;
    }
}
