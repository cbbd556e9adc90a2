package org.leasehold.store.pgsql.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the configuration backend: two tables, both replicated between sites by a publication
 * per site filtered on {@code site} (so a row goes from the site that wrote it to the others and never
 * back), and a trigger that NOTIFYs {@value #CHANNEL} on every new version, also when the row arrives
 * by replication ({@code ENABLE ALWAYS}).
 *
 * <p>A version is identified by its number and the site that stored it: the number is one above the
 * highest number the storing site has seen, so two sites pushing during a split may both store number
 * 7; "newest" orders by number, then by site name, which every site computes alike once replication has
 * caught up. Stateless; every method runs on the connection it is given.
 */
public final class ConfigRepository {

    static final String CHANNEL = "leasehold_config";
    static final String VERSIONS = "leasehold_config_version";
    static final String VERDICTS = "leasehold_config_verdict";

    /** Only one session creates the schema at a time (concurrent CREATE IF NOT EXISTS can collide). */
    private static final long SCHEMA_LOCK = 0x4c48_5047_5343_4831L;

    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS leasehold_config_version (
              version    bigint      NOT NULL,
              site       text        NOT NULL,
              pushed_at  timestamptz NOT NULL DEFAULT now(),
              pushed_by  text        NOT NULL,
              comment    text        NOT NULL DEFAULT '',
              sha256     text        NOT NULL,
              dhcpd_conf text        NOT NULL,
              PRIMARY KEY (version, site));
            CREATE TABLE IF NOT EXISTS leasehold_config_verdict (
              server       text        NOT NULL,
              site         text        NOT NULL,
              version      bigint      NOT NULL,
              version_site text        NOT NULL,
              accepted     boolean     NOT NULL,
              problems     text        NOT NULL DEFAULT '',
              decided_at   timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (server, site, version, version_site));
            CREATE OR REPLACE FUNCTION leasehold_config_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('leasehold_config', NEW.version || '@' || NEW.site);
              RETURN NEW;
            END $$;
            CREATE OR REPLACE TRIGGER leasehold_config_notify AFTER INSERT ON leasehold_config_version
              FOR EACH ROW EXECUTE FUNCTION leasehold_config_notify();
            ALTER TABLE leasehold_config_version ENABLE ALWAYS TRIGGER leasehold_config_notify;
            """;

    /** A version's identity: {@code 7@site-a}. */
    public record VersionId(long number, String site) {
        @Override
        public String toString() {
            return number + "@" + site;
        }

        /**
         * {@code NUMBER@SITE}, as {@link #toString} writes it and the trigger NOTIFYs it.
         *
         * @throws IllegalArgumentException when {@code text} is not one
         */
        static VersionId parse(String text) {
            int at = text == null ? -1 : text.indexOf('@');
            if (at <= 0 || at == text.length() - 1) {
                throw new IllegalArgumentException("not a version (NUMBER@SITE): " + text);
            }
            long number;
            try {
                number = Long.parseLong(text.substring(0, at));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a version (NUMBER@SITE): " + text, e);
            }
            if (number < 1) {
                throw new IllegalArgumentException("not a version (NUMBER >= 1): " + text);
            }
            return new VersionId(number, text.substring(at + 1));
        }
    }

    public record Version(VersionId id, Instant pushedAt, String pushedBy, String comment, String sha256, String text) {
    }

    public record Verdict(String server, String site, VersionId version, boolean accepted, String problems, Instant at) {
    }

    private ConfigRepository() {
    }

    /**
     * The version a NOTIFY on {@value #CHANNEL} names; empty for any other payload
     * (any session of the database may NOTIFY that channel: a stray one only causes a look).
     */
    static Optional<VersionId> notified(String payload) {
        try {
            return Optional.of(VersionId.parse(payload));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void createSchema(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            s.execute(SCHEMA);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * Stores {@code text} as the next version of {@code site}: one above every number this database
     * holds, under a table lock so two pushes at one site never take the same number.
     */
    static VersionId push(Connection c, String site, String by, String comment, String text) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + VERSIONS + " IN SHARE ROW EXCLUSIVE MODE");
            long next;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) + 1 FROM " + VERSIONS)) {
                rs.next();
                next = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + VERSIONS
                    + " (version, site, pushed_by, comment, sha256, dhcpd_conf) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, next);
                ps.setString(2, site);
                ps.setString(3, by);
                ps.setString(4, comment);
                ps.setString(5, sha256(text));
                ps.setString(6, text);
                ps.executeUpdate();
            }
            c.commit();
            return new VersionId(next, site);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The newest version, with its text. */
    static Optional<Version> newest(Connection c) throws SQLException {
        List<Version> v = versions(c, 1, true);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Up to {@code limit} versions, newest first; the text only when {@code withText}. */
    static List<Version> versions(Connection c, int limit, boolean withText) throws SQLException {
        List<Version> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, site, pushed_at, pushed_by, comment, sha256, "
                + (withText ? "dhcpd_conf" : "''") + " FROM " + VERSIONS + " ORDER BY version DESC, site DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Version(new VersionId(rs.getLong(1), rs.getString(2)), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** One version with its text. */
    static Optional<Version> version(Connection c, VersionId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pushed_at, pushed_by, comment, sha256, dhcpd_conf FROM "
                + VERSIONS + " WHERE version = ? AND site = ?")) {
            ps.setLong(1, id.number());
            ps.setString(2, id.site());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Version(id, rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    /** Records (or replaces) what {@code server} of {@code site} made of {@code version}. */
    static void record(Connection c, String server, String site, VersionId version, boolean accepted, String problems)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + VERDICTS
                + " (server, site, version, version_site, accepted, problems) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (server, site, version, version_site) DO UPDATE SET accepted = EXCLUDED.accepted,"
                + " problems = EXCLUDED.problems, decided_at = now()")) {
            ps.setString(1, server);
            ps.setString(2, site);
            ps.setLong(3, version.number());
            ps.setString(4, version.site());
            ps.setBoolean(5, accepted);
            ps.setString(6, problems);
            ps.executeUpdate();
        }
    }

    /** The verdicts on the versions numbered at least {@code fromNumber}, every server's. */
    static List<Verdict> verdicts(Connection c, long fromNumber) throws SQLException {
        List<Verdict> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT server, site, version, version_site, accepted, problems,"
                + " decided_at FROM " + VERDICTS + " WHERE version >= ? ORDER BY version DESC, version_site, server")) {
            ps.setLong(1, fromNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(verdict(rs));
                }
            }
        }
        return out;
    }

    /** What {@code server} made of {@code version}, if it decided. */
    static Optional<Verdict> verdict(Connection c, String server, VersionId version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT server, site, version, version_site, accepted, problems,"
                + " decided_at FROM " + VERDICTS + " WHERE server = ? AND version = ? AND version_site = ?")) {
            ps.setString(1, server);
            ps.setLong(2, version.number());
            ps.setString(3, version.site());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(verdict(rs)) : Optional.empty();
            }
        }
    }

    /** The newest version {@code server} accepted. */
    static Optional<VersionId> lastAccepted(Connection c, String server) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, version_site FROM " + VERDICTS
                + " WHERE server = ? AND accepted ORDER BY version DESC, version_site DESC LIMIT 1")) {
            ps.setString(1, server);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new VersionId(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    private static Verdict verdict(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(7);
        return new Verdict(rs.getString(1), rs.getString(2), new VersionId(rs.getLong(3), rs.getString(4)),
                rs.getBoolean(5), rs.getString(6), at.toInstant());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
