package org.leasehold.core.internal.command;

import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import org.apache.karaf.shell.support.table.ShellTable;
import org.leasehold.api.lease.Lease;

/** The one table of leases the console prints ({@code dhcp:lease-list}, {@code dhcp:status --leases}). */
final class LeaseTable {

    private static final String[] COLUMNS = {"Address", "Space", "State", "Hardware", "Client", "Hostname", "Ends",
        "Subnet", "Option82"};

    private LeaseTable() {
    }

    /** A row per lease, in the order given. */
    static ShellTable of(Collection<Lease> leases, String emptyText) {
        ShellTable table = new ShellTable().emptyTableText(emptyText);
        for (String column : COLUMNS) {
            table.column(column);
        }
        for (Lease l : leases) {
            table.addRow().addContent(l.key().address().getHostAddress(), l.key().space(), l.state().iscName(),
                    l.hardware() == null ? "" : l.hardware().toString(),
                    l.client() == null ? "" : l.client().toString(), l.hostname(), ends(l), l.subnet(),
                    l.relayAgentInfoLength() == 0 ? "" : HexFormat.of().formatHex(l.relayAgentInfo()));
        }
        return table;
    }

    /** The lease's end as an instant, or {@code never}. */
    static String ends(Lease l) {
        return l.endEpochSecond() == Lease.NEVER ? "never" : Instant.ofEpochSecond(l.endEpochSecond()).toString();
    }
}
