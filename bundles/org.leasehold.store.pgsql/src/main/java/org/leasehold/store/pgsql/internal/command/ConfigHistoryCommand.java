package org.leasehold.store.pgsql.internal.command;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.store.pgsql.internal.ConfigSync;
import org.leasehold.store.pgsql.internal.HistoryView;

/**
 * {@code dhcp:config-history}: the configuration versions of the database, newest first, each with
 * what every server (of every site, as far as replication has brought it) made of it; {@code *} marks
 * the version in force on this server.
 */
@Service
@Command(scope = "dhcp", name = "config-history", description = "Lists the configuration versions in the PostgreSQL database and each server's verdict")
public class ConfigHistoryCommand implements Action {

    @Reference(optional = true)
    ConfigSync sync;

    @Option(name = "--limit", aliases = "-n", description = "How many versions (default 20)")
    int limit = 20;

    @Override
    public Object execute() throws Exception {
        if (sync == null) {
            throw new IllegalStateException("the PostgreSQL store is not configured (etc/org.leasehold.store.pgsql.cfg)");
        }
        try (Connection c = sync.database().pooled()) {
            System.out.print(HistoryView.render(c, limit, sync.inForce()));
        } catch (SQLException e) {
            throw new IllegalStateException("database " + sync.database().url() + ": " + e.getMessage(), e);
        }
        return null;
    }
}
