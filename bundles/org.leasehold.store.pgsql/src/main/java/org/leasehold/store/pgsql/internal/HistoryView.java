package org.leasehold.store.pgsql.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.leasehold.store.pgsql.internal.ConfigRepository.Verdict;
import org.leasehold.store.pgsql.internal.ConfigRepository.Version;
import org.leasehold.store.pgsql.internal.ConfigRepository.VersionId;

/** The text of {@code dhcp:config-history}. */
public final class HistoryView {

    private HistoryView() {
    }

    /** The newest {@code limit} versions with every verdict on them; {@code *} marks {@code inForce}. */
    public static String render(Connection c, int limit, VersionId inForce) throws SQLException {
        List<Version> versions = ConfigRepository.versions(c, Math.max(1, limit), false);
        if (versions.isEmpty()) {
            return "No configuration version in the database yet (dhcp:config-push FILE stores one)\n";
        }
        List<Verdict> verdicts = ConfigRepository.verdicts(c, versions.get(versions.size() - 1).id().number());
        StringBuilder out = new StringBuilder(String.format("  %-14s %-24s %-16s %-12s %s%n", "VERSION", "PUSHED (UTC)",
                "BY", "SHA-256", "COMMENT"));
        for (Version v : versions) {
            out.append(String.format("%s %-14s %-24s %-16s %-12s %s%n", v.id().equals(inForce) ? "*" : " ", v.id(),
                    v.pushedAt(), v.pushedBy(), v.sha256().substring(0, 12), v.comment()));
            for (Verdict d : verdicts) {
                if (d.version().equals(v.id())) {
                    out.append("      ").append(d.server()).append(" (site ").append(d.site()).append(") ")
                            .append(d.accepted() ? "accepted" : "REJECTED").append(" at ").append(d.at());
                    if (!d.accepted()) {
                        out.append(":\n        ").append(d.problems().replace("\n", "\n        "));
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }
}
