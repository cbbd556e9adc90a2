package org.leasehold.store.pgsql.internal.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.store.pgsql.internal.ConfigSync;

/**
 * {@code dhcp:config-push FILE}: stores FILE as the next configuration version of this site's
 * database, from where every server of every site puts it in force. The file is first checked here
 * as a reload would; a file with problems is not stored unless {@code --force} (the servers then
 * refuse it, each recording why). Waits a few seconds for this server's own verdict and prints it.
 */
@Service
@Command(scope = "dhcp", name = "config-push", description = "Stores a dhcpd.conf as a new version in the PostgreSQL configuration database")
public class ConfigPushCommand implements Action {

    @Reference(optional = true)
    ConfigSync sync;

    @Option(name = "--comment", aliases = "-m", description = "What the version changes")
    String comment = "";

    @Option(name = "--force", description = "Store it even when the local check finds problems")
    boolean force;

    @Option(name = "--wait", description = "Seconds to wait for this server's verdict (0: do not wait)")
    int waitSeconds = 15;

    @Argument(name = "file", required = true, description = "dhcpd.conf to store (relative to the Karaf home)")
    String file;

    @Override
    public Object execute() throws Exception {
        String out = run();
        System.out.print(out);
        if (out.startsWith("Refused") || out.startsWith("Error")) {
            throw new IllegalStateException(out.lines().findFirst().orElse(out));
        }
        return null;
    }

    String run() throws InterruptedException {
        if (sync == null) {
            return "Error: the PostgreSQL store is not configured (etc/org.leasehold.store.pgsql.cfg)\n";
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "Error: cannot read " + file + ": " + e.getMessage() + "\n";
        }
        StringBuilder out = new StringBuilder();
        List<ConfigProblem> problems = sync.configuration().check(file, text);
        if (!problems.isEmpty()) {
            if (!force) {
                out.append("Refused: ").append(file).append(" has ").append(problems.size())
                        .append(" problem(s), nothing stored (--force stores it anyway)\n");
                problems.forEach(p -> out.append("  ").append(p).append('\n'));
                return out.toString();
            }
            out.append("Warning: storing despite ").append(problems.size()).append(" problem(s) (--force)\n");
        }
        try {
            var id = sync.push(sync.settings().server(), comment, text);
            out.append("Stored version ").append(id).append('\n');
            if (waitSeconds > 0) {
                Optional<org.leasehold.store.pgsql.internal.ConfigRepository.Verdict> v = sync.awaitVerdict(id,
                        Duration.ofSeconds(waitSeconds));
                if (v.isEmpty()) {
                    out.append("This server has not decided on it within ").append(waitSeconds).append(" s\n");
                } else if (v.get().accepted()) {
                    out.append("In force on ").append(v.get().server()).append('\n');
                } else {
                    out.append("Rejected by ").append(v.get().server()).append(":\n  ")
                            .append(v.get().problems().replace("\n", "\n  ")).append('\n');
                }
            }
        } catch (SQLException e) {
            return "Error: the database refused the version: " + e.getMessage() + "\n";
        }
        return out.toString();
    }
}
