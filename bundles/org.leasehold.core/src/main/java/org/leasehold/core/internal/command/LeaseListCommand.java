package org.leasehold.core.internal.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.core.internal.ServingState;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.lease.DhcpdLeasesFormat;
import org.leasehold.core.internal.lease.LeaseJson;
import org.leasehold.core.internal.lease.LeaseQuery;

/**
 * {@code dhcp:lease-list}: the leases matching some filters, a page at a time, as a table, JSON or
 * dhcpd.leases declarations.
 */
@Service
@Command(scope = "dhcp", name = "lease-list", description = "Lists leases, filtered and paged")
public class LeaseListCommand implements Action {

    @Reference(optional = true)
    LeaseStore store;

    @Reference
    ServingState serving;

    @Option(name = "--ip", description = "Address or prefix, e.g. 198.51.100.10 or 198.51.100.0/24")
    String ip;

    @Option(name = "--mac", description = "Hardware address, e.g. 02:00:00:00:0a:01")
    String mac;

    @Option(name = "--client-id", description = "Client key in hex (option 61, or htype + chaddr)")
    String clientId;

    @Option(name = "--hostname", description = "Part of the client's host name (any case)")
    String hostname;

    @Option(name = "--state", description = "Binding states, comma-separated, e.g. active,expired")
    @Completion(value = StringsCompleter.class,
            values = {"free", "active", "expired", "released", "abandoned", "reset", "backup"})
    String state;

    @Option(name = "--subnet", description = "Subnet in CIDR form, e.g. 198.51.100.0/24")
    String subnet;

    @Option(name = "--space", description = "Address space (default space if empty)")
    String space;

    @Option(name = "--offset", description = "Skip this many matches")
    int offset;

    @Option(name = "--limit", description = "Show at most this many matches (default 100)")
    int limit = 100;

    @Option(name = "--json", description = "Print a JSON array instead of a table")
    boolean json;

    @Option(name = "--dhcpd", description = "Print in ISC dhcpd.leases format instead of a table")
    boolean dhcpd;

    @Override
    public Object execute() {
        Serving.require(store, serving);
        render(System.out);
        return null;
    }

    void render(PrintStream out) {
        LeaseQuery query = new LeaseQuery(ip, mac, clientId, hostname, LeaseQuery.parseStates(state), subnet, space);
        LeaseQuery.Page page = query.page(store.all(), offset, limit);
        if (json || dhcpd) {
            StringBuilder sb = new StringBuilder();
            if (json) {
                LeaseJson.writeArray(page.leases(), sb);
            } else {
                DhcpdLeasesFormat.write(page.leases(), sb);
            }
            out.print(sb);
            return;
        }
        LeaseTable.of(page.leases(), "No leases match").print(out);
        if (page.total() > page.leases().size()) {
            out.printf("Showing %d-%d of %d (use --offset/--limit)%n", page.offset() + 1,
                    page.offset() + page.leases().size(), page.total());
        }
    }
}
