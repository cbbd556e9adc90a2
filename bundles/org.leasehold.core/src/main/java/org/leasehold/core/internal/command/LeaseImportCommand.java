package org.leasehold.core.internal.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.core.internal.ServingState;
import org.leasehold.core.internal.engine.ServerControl;
import org.leasehold.core.internal.lease.LeaseFiles;

/**
 * {@code dhcp:lease-import FILE}: stores every lease of an ISC dhcpd.leases file (dhcpd's own, to
 * migrate) or of a {@code dhcp:lease-export}, replacing leases of the same addresses. All or nothing:
 * the whole file is read and checked first (a bad line is reported as {@code FILE:LINE: ...} and
 * nothing is stored), then stored as one atomic change that a crash or kill cannot leave half done.
 * Prints progress as it goes. Relative paths resolve against the Karaf home.
 */
@Service
@Command(scope = "dhcp", name = "lease-import",
        description = "Imports leases from an ISC dhcpd.leases file or a JSON export, all or nothing")
public class LeaseImportCommand implements Action {

    /** Progress lines for files of at least this many leases. */
    static final int PROGRESS_MIN = 20_000;

    @Reference(optional = true)
    ServerControl control;

    @Reference
    ServingState serving;

    @Argument(name = "file", required = true, description = "dhcpd.leases or JSON file")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws IOException, InterruptedException {
        Serving.require(control, serving);
        run(System.out);
        return null;
    }

    int run(PrintStream out) throws IOException, InterruptedException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        List<Lease> leases = LeaseFiles.read(path);
        out.println("Read " + leases.size() + " leases from " + path + " (" + summary(leases) + ")");
        out.flush();
        int step = Math.max(PROGRESS_MIN, leases.size() / 10);
        int[] shown = {0};
        int n = control.importLeases(leases, "console", staged -> {
            if (staged < leases.size() && leases.size() >= PROGRESS_MIN && staged - shown[0] >= step) {
                shown[0] = staged;
                out.printf("  %d/%d leases written (%d%%)%n", staged, leases.size(), staged * 100L / leases.size());
                out.flush();
            }
        });
        out.println("Imported " + n + " leases");
        return n;
    }

    /** "12 active, 3 free": the leases per state, in state order. */
    static String summary(List<Lease> leases) {
        Map<LeaseState, Integer> counts = new EnumMap<>(LeaseState.class);
        leases.forEach(l -> counts.merge(l.state(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder();
        counts.forEach((s, c) -> sb.append(sb.length() == 0 ? "" : ", ").append(c).append(' ').append(s.iscName()));
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
