package org.leasehold.store.pgsql.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One site's database: a HikariCP pool for short requests (the console's), dedicated connections
 * for long-lived sessions (LISTEN), and what is known of its health: up or down since when and why,
 * as the last attempt found it. Thread-safe.
 */
public final class Database implements AutoCloseable {

    /** What the last attempt found; {@code error} is empty while up. */
    record Health(boolean up, Instant since, String error) {
    }

    private final String url;
    private final PGSimpleDataSource direct;
    private final HikariDataSource pool;
    private final AtomicReference<Health> health = new AtomicReference<>(new Health(false, Instant.now(), "not connected yet"));
    private final AtomicLong failures = new AtomicLong();

    Database(PgsqlSettings s) {
        this.url = s.url();
        int timeout = Math.max(1, s.connectTimeoutSeconds());
        direct = new PGSimpleDataSource();
        direct.setURL(s.url());
        direct.setUser(s.user());
        if (!s._password().isEmpty()) {
            direct.setPassword(s._password());
        }
        direct.setConnectTimeout(timeout);
        direct.setLoginTimeout(timeout);
        direct.setTcpKeepAlive(true);
        direct.setApplicationName("leasehold " + s.server());

        HikariConfig hc = new HikariConfig();
        hc.setPoolName("leasehold-pgsql");
        hc.setDataSource(direct);
        hc.setMaximumPoolSize(Math.max(1, s.poolSize()));
        hc.setMinimumIdle(0);
        hc.setConnectionTimeout(TimeUnit.SECONDS.toMillis(timeout));
        hc.setValidationTimeout(TimeUnit.SECONDS.toMillis(Math.min(timeout, 3)));
        // Start even when the database is down: the server says so and recovers by itself.
        hc.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(hc);
    }

    public String url() {
        return url;
    }

    /** A connection of the pool; close it to give it back. */
    public Connection pooled() throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            down(e);
            throw e;
        }
    }

    /** A connection of its own, outside the pool, for a session that lasts (LISTEN). */
    Connection dedicated() throws SQLException {
        try {
            return direct.getConnection();
        } catch (SQLException e) {
            down(e);
            throw e;
        }
    }

    void up() {
        health.updateAndGet(h -> h.up() ? h : new Health(true, Instant.now(), ""));
    }

    void down(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Health before = health.getAndUpdate(h -> h.up() || !h.error().equals(why) ? new Health(false,
                h.up() ? Instant.now() : h.since(), why) : h);
        if (before.up()) {
            failures.incrementAndGet();
        }
    }

    Health health() {
        return health.get();
    }

    /** How often the database went from up to down. */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        pool.close();
    }
}
