package org.leasehold.core.internal.command;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.core.internal.config.ConfigException;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.ConfigProblem;
import org.leasehold.core.internal.config.ConfigWarning;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/** {@code dhcp:config-check FILE}: reads an ISC dhcpd.conf as the server would and reports what it found. */
@Service
@Command(scope = "dhcp", name = "config-check", description = "Checks an ISC dhcpd.conf file: errors, ignored statements, summary")
public class ConfigCheckCommand implements Action {

    @Argument(index = 0, name = "file", required = true, description = "Path of the dhcpd.conf to check")
    String file;

    @Override
    public Object execute() {
        Result r = check(Path.of(file));
        System.out.print(r.text());
        return r.ok() ? null : "config-check failed";
    }

    /** Outcome of a check: {@code ok} when the file loads; {@code text} is the report, one finding a line. */
    public record Result(boolean ok, String text) {
    }

    public static Result check(Path path) {
        StringBuilder out = new StringBuilder();
        try {
            DhcpConfig config = ConfigParser.parse(path);
            long pools = config.subnets().stream().mapToLong(s -> s.pools().size()).sum();
            long addresses = config.subnets().stream().flatMap(s -> s.pools().stream()).mapToLong(PoolDecl::size).sum();
            out.append("OK ").append(path).append(": ").append(config.subnets().size()).append(" subnets, ")
                    .append(pools).append(" pools (").append(addresses).append(" addresses), ")
                    .append(config.hosts().size()).append(" hosts, ").append(config.classes().size()).append(" classes, ")
                    .append(config.warnings().size()).append(" warnings\n");
            for (SubnetDecl s : config.subnets()) {
                for (PoolDecl p : s.pools()) {
                    out.append("  pool ").append(p.id()).append(" space \"").append(p.space()).append("\" ")
                            .append(p.ranges()).append('\n');
                }
            }
            for (ConfigWarning w : config.warnings()) {
                out.append("WARNING ").append(w).append('\n');
            }
            return new Result(true, out.toString());
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                out.append("ERROR ").append(p).append('\n');
            }
            return new Result(false, out.toString());
        }
    }
}
