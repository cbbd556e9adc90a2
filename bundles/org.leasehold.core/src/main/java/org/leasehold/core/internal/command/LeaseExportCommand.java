package org.leasehold.core.internal.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.ServingState;
import org.leasehold.core.internal.lease.LeaseExport;

/**
 * {@code dhcp:lease-export FILE [--format json|dhcpd]}: writes every lease, sorted by space and address,
 * as Leasehold's JSON or as ISC dhcpd.leases declarations; {@code dhcp:lease-import} reads both back.
 * The file is replaced atomically (a reader sees the old export or the whole new one). Relative paths
 * resolve against the Karaf home.
 */
@Service
@Command(scope = "dhcp", name = "lease-export", description = "Writes every lease to a file, as JSON or dhcpd.leases")
public class LeaseExportCommand implements Action {

    @Reference(optional = true)
    LeaseStore store;

    @Reference
    ServingState serving;

    @Argument(name = "file", required = true, description = "File to write (replaced atomically)")
    @Completion(FileCompleter.class)
    String file;

    /** Karaf takes options before arguments only; this lets {@code FILE --format dhcpd} work too. */
    @Argument(index = 1, name = "--format FORMAT", multiValued = true,
            description = "The format may also follow the file: FILE --format dhcpd")
    List<String> trailing;

    @Option(name = "--format", description = "json (default) or dhcpd")
    @Completion(value = StringsCompleter.class, values = {"json", "dhcpd"})
    String format = "json";

    @Override
    public Object execute() throws IOException {
        Serving.require(store, serving);
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws IOException {
        if (trailing != null && !trailing.isEmpty()) {
            if (trailing.size() == 2 && trailing.get(0).equals("--format")) {
                format = trailing.get(1);
            } else if (trailing.size() == 1 && trailing.get(0).startsWith("--format=")) {
                format = trailing.get(0).substring("--format=".length());
            } else {
                throw new IllegalArgumentException("expected FILE [--format json|dhcpd], not " + trailing);
            }
        }
        LeaseExport.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> LeaseExport.Format.JSON;
            case "dhcpd", "dhcpd.leases" -> LeaseExport.Format.DHCPD_LEASES;
            default -> throw new IllegalArgumentException("--format: expected json or dhcpd, not '" + format + "'");
        };
        Collection<Lease> leases = store.all();
        if (leases.size() >= LeaseImportCommand.PROGRESS_MIN) {
            out.println("Writing " + leases.size() + " leases to " + file + " ...");
            out.flush();
        }
        LeaseExport.writeFile(leases, f, Path.of(file));
        out.println("Exported " + leases.size() + " leases to " + file + " (" + format.toLowerCase(Locale.ROOT) + ")");
    }
}
