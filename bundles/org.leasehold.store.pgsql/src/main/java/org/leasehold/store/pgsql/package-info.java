/**
 * PostgreSQL backends for geographic redundancy and server farms. The bundle exports nothing: it
 * offers its work as services of {@code org.leasehold.api} (status lines, metrics) and shell
 * commands, and uses the core only through {@link org.leasehold.api.config.ConfigurationService}.
 *
 * <p>The configuration backend ({@code internal.ConfigSync}) keeps the versions of dhcpd.conf in the
 * database, applies the newest one on {@code LISTEN/NOTIFY} as {@code dhcp:reload} would, and records
 * each server's verdict beside the version. Replication between the sites' databases is
 * PostgreSQL's own logical replication (docs/georedundancy.md).
 */
package org.leasehold.store.pgsql;
