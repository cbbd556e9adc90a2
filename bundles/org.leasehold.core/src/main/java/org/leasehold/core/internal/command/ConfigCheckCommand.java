package org.leasehold.core.internal.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.core.internal.capability.ConfigCoordinator;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.syntax.ConfigWarning;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * {@code dhcp:config-check FILE}: reads an ISC dhcpd.conf as the server would and reports what it
 * found: errors (the parser's and, when the server runs, every installed capability's), statements no
 * installed capability reads, and a summary.
 */
@Service
@Command(scope = "dhcp", name = "config-check", description = "Checks an ISC dhcpd.conf file: errors, ignored statements, summary")
public class ConfigCheckCommand implements Action {

    @Argument(index = 0, name = "file", required = true, description = "Path of the dhcpd.conf to check")
    String file;

    @Reference(optional = true)
    ConfigurationService configuration;

    @Override
    public Object execute() {
        Result r = configuration instanceof ConfigCoordinator c ? check(Path.of(file), c) : check(Path.of(file));
        System.out.print(r.text());
        return r.ok() ? null : "config-check failed";
    }

    /** Outcome of a check: {@code ok} when the file loads; {@code text} is the report, one finding a line. */
    public record Result(boolean ok, String text) {
    }

    /** The file as the parser alone reads it (no server running, no capability asked). */
    public static Result check(Path path) {
        try {
            return report(path, ConfigParser.parse(path), List.of(), Set.of());
        } catch (ConfigException e) {
            StringBuilder out = new StringBuilder();
            e.problems().forEach(p -> out.append("ERROR ").append(p).append('\n'));
            return new Result(false, out.toString());
        }
    }

    /** The file as a reload would read it, with every bound capability's validation. */
    static Result check(Path path, ConfigCoordinator coordinator) {
        ConfigCoordinator.CheckResult r = coordinator.check(path);
        if (r.config() == null) {
            StringBuilder out = new StringBuilder();
            r.problems().forEach(p -> out.append("ERROR ").append(p).append('\n'));
            return new Result(false, out.toString());
        }
        return report(path, r.config(), r.problems(), coordinator.claimed());
    }

    private static Result report(Path path, DhcpConfig config, List<ConfigProblem> problems, Set<String> claimed) {
        StringBuilder out = new StringBuilder();
        List<ConfigWarning> warnings = config.warningsBesides(claimed);
        long pools = config.subnets().stream().mapToLong(s -> s.pools().size()).sum();
        long addresses = config.subnets().stream().flatMap(s -> s.pools().stream()).mapToLong(PoolDecl::size).sum();
        out.append(problems.isEmpty() ? "OK " : "REJECTED ").append(path).append(": ").append(config.subnets().size())
                .append(" subnets, ").append(pools).append(" pools (").append(addresses).append(" addresses), ")
                .append(config.hosts().size()).append(" hosts, ").append(config.classes().size()).append(" classes, ")
                .append(warnings.size()).append(" warnings\n");
        for (SubnetDecl s : config.subnets()) {
            for (PoolDecl p : s.pools()) {
                out.append("  pool ").append(p.id()).append(" space \"").append(p.space()).append("\" ")
                        .append(p.ranges()).append('\n');
            }
        }
        problems.forEach(p -> out.append("ERROR ").append(p).append('\n'));
        warnings.forEach(w -> out.append("WARNING ").append(w).append('\n'));
        return new Result(problems.isEmpty(), out.toString());
    }
}
