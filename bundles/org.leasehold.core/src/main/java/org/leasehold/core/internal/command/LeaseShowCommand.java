package org.leasehold.core.internal.command;

import java.io.PrintStream;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.core.internal.ServingState;
import org.apache.karaf.shell.support.table.ShellTable;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.lease.DhcpdLeasesFormat;
import org.leasehold.core.internal.lease.LeaseJson;
import org.leasehold.core.internal.lease.LeaseQuery;

/** {@code dhcp:lease-show ADDRESS}: everything the store knows about one lease. */
@Service
@Command(scope = "dhcp", name = "lease-show", description = "Shows one lease in detail")
public class LeaseShowCommand implements Action {

    @Reference(optional = true)
    LeaseStore store;

    @Reference
    ServingState serving;

    @Argument(index = 0, name = "address", required = true, description = "The leased IPv4 address")
    String address;

    @Option(name = "--space", description = "Address space (default space if omitted)")
    String space = LeaseKey.DEFAULT_SPACE;

    @Option(name = "--json", description = "Print JSON")
    boolean json;

    @Option(name = "--dhcpd", description = "Print as a dhcpd.leases declaration")
    boolean dhcpd;

    @Override
    public Object execute() {
        Serving.require(store, serving);
        render(System.out);
        return null;
    }

    void render(PrintStream out) {
        LeaseKey key = new LeaseKey(space, LeaseQuery.parseAddress(address));
        Lease l = store.get(key).orElse(null);
        if (l == null) {
            out.println("No lease for " + key);
        } else if (json) {
            out.println(LeaseJson.toJson(l));
        } else if (dhcpd) {
            out.print(DhcpdLeasesFormat.format(l));
        } else {
            table(l).print(out);
        }
    }

    private static ShellTable table(Lease l) {
        ShellTable t = new ShellTable().noHeaders();
        t.column("Field");
        t.column("Value");
        t.addRow().addContent("address", l.key().address().getHostAddress());
        t.addRow().addContent("space", l.key().space().isEmpty() ? "(default)" : l.key().space());
        t.addRow().addContent("state", l.state().iscName());
        t.addRow().addContent("client", l.client() == null ? "" : l.client().toString());
        t.addRow().addContent("hardware",
                l.hardware() == null ? "" : l.hardware() + " (htype " + l.hardware().htype() + ")");
        t.addRow().addContent("starts", Instant.ofEpochSecond(l.startEpochSecond()).toString());
        t.addRow().addContent("ends", LeaseTable.ends(l));
        t.addRow().addContent("hostname", l.hostname());
        t.addRow().addContent("subnet", l.subnet());
        t.addRow().addContent("pool", l.pool());
        t.addRow().addContent("classes", String.join(", ", l.classes()));
        t.addRow().addContent("relay agent info", l.relayAgentInfoLength() == 0 ? ""
                : HexFormat.ofDelimiter(":").formatHex(l.relayAgentInfo()));
        t.addRow().addContent("bootp", Boolean.toString(l.bootp()));
        l.variables().forEach((name, value) -> t.addRow().addContent("set " + name, value));
        return t;
    }
}
