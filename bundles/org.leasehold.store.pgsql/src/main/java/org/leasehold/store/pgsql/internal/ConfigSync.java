package org.leasehold.store.pgsql.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.logging.RateLimitedLog;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.leasehold.store.pgsql.internal.ConfigRepository.Verdict;
import org.leasehold.store.pgsql.internal.ConfigRepository.Version;
import org.leasehold.store.pgsql.internal.ConfigRepository.VersionId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration backend: the server follows the newest dhcpd.conf version of its site's database.
 * A thread of its own holds a connection that LISTENs on {@value ConfigRepository#CHANNEL} (a version
 * stored here or arriving by replication NOTIFYs it) and also looks every {@code pollSeconds}; a
 * version this server has not yet decided on is put in force through
 * {@link ConfigurationService#apply}, exactly as {@code dhcp:reload} would take an edited file: refused
 * when it does not parse or a participant vetoes it, the running configuration staying. The verdict,
 * with the problems at file:line:column, goes into the verdict table beside the version.
 *
 * <p>The database being down never touches DHCP: the configuration in force keeps serving, the status
 * and metrics say the database is down, and the thread reconnects with a growing pause (1 s to 10 s).
 */
@Component(service = {ConfigSync.class, StatusContributor.class, MetricsSource.class},
        configurationPid = PgsqlSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PgsqlSettings.class)
public final class ConfigSync implements StatusContributor, MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSync.class);

    private final PgsqlSettings settings;
    private final ConfigurationService config;
    private final Database db;
    private final RateLimitedLog warn = new RateLimitedLog(LOG);
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running = true;
    private volatile Connection listening;
    private volatile VersionId decided;
    private volatile VersionId inForce;
    private volatile VersionId newest;
    private volatile String lastRejection = "";

    @Activate
    public ConfigSync(PgsqlSettings settings, @Reference ConfigurationService config) {
        if (settings.url() == null || settings.site() == null || settings.server() == null) {
            throw new IllegalArgumentException(PgsqlSettings.PID + ": url, site and server are required");
        }
        this.settings = settings;
        this.config = config;
        this.db = new Database(settings);
        this.thread = new Thread(this::run, "leasehold-pgsql-config");
        thread.setDaemon(true);
        thread.start();
        LOG.info("PostgreSQL configuration backend for site {} as server {} on {}", settings.site(), settings.server(),
                settings.url());
    }

    @Deactivate
    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the LISTEN connection", e);
            }
        }
        thread.join(TimeUnit.SECONDS.toMillis(10));
        db.close();
    }

    public Database database() {
        return db;
    }

    public PgsqlSettings settings() {
        return settings;
    }

    public ConfigurationService configuration() {
        return config;
    }

    private void run() {
        long pause = 1000;
        while (running) {
            try (Connection c = db.dedicated()) {
                listening = c;
                ConfigRepository.createSchema(c);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + ConfigRepository.CHANNEL);
                }
                if (inForce == null) {
                    inForce = ConfigRepository.lastAccepted(c, settings.server()).orElse(null);
                }
                if (!db.health().up()) {
                    LOG.info("Database {} is up", settings.url());
                }
                db.up();
                pause = 1000;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    sync(c);
                    PGNotification[] n = pg.getNotifications((int) TimeUnit.SECONDS.toMillis(Math.max(1, settings.pollSeconds())));
                    for (PGNotification one : n == null ? new PGNotification[0] : n) {
                        Optional<VersionId> id = ConfigRepository.notified(one.getParameter());
                        if (id.isPresent()) {
                            LOG.debug("Notified of version {}", id.get());
                        } else {
                            warn.warn("notify", "Ignoring a NOTIFY {} that names no version: {}",
                                    ConfigRepository.CHANNEL, one.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                db.down(e);
                warn.warn("down", "Database {} is down: {} (the configuration in force keeps serving; retrying)",
                        settings.url(), String.valueOf(e.getMessage()));
            } finally {
                listening = null;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(10_000, pause * 2);
        }
    }

    /** Puts the newest version in force unless this server already decided on it. */
    private void sync(Connection c) throws SQLException {
        Optional<Version> found = ConfigRepository.newest(c);
        if (found.isEmpty()) {
            return;
        }
        Version v = found.get();
        newest = v.id();
        if (v.id().equals(decided)) {
            return;
        }
        Optional<Verdict> mine = ConfigRepository.verdict(c, settings.server(), v.id());
        if (mine.isPresent()) {
            decided = v.id();
            return;
        }
        List<ConfigProblem> problems = config.apply(v.text());
        String text = problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
        ConfigRepository.record(c, settings.server(), settings.site(), v.id(), problems.isEmpty(), text);
        decided = v.id();
        if (problems.isEmpty()) {
            inForce = v.id();
            applied.incrementAndGet();
            LOG.info("Configuration version {} (pushed by {} at {}) is in force", v.id(), v.pushedBy(), v.pushedAt());
        } else {
            rejected.incrementAndGet();
            lastRejection = v.id() + ": " + problems.get(0) + (problems.size() > 1 ? " (+" + (problems.size() - 1) + ")" : "");
            LOG.warn("Configuration version {} rejected, {} stays in force: {}", v.id(), inForce, text);
        }
    }

    /**
     * Stores {@code text} as a new version of this site; every server of every site then decides on
     * it. Runs on the caller's thread through the pool.
     */
    public VersionId push(String by, String comment, String text) throws SQLException {
        try (Connection c = db.pooled()) {
            return ConfigRepository.push(c, settings.site(), by, comment, text);
        }
    }

    /** Waits up to {@code wait} for this server's verdict on {@code id}. */
    public Optional<Verdict> awaitVerdict(VersionId id, Duration wait) throws SQLException, InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        try (Connection c = db.pooled()) {
            while (true) {
                Optional<Verdict> v = ConfigRepository.verdict(c, settings.server(), id);
                if (v.isPresent() || System.nanoTime() > end) {
                    return v;
                }
                Thread.sleep(100);
            }
        }
    }

    public VersionId inForce() {
        return inForce;
    }

    @Override
    public String prefix() {
        return "pgsql";
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> m = new LinkedHashMap<>();
        Database.Health h = db.health();
        m.put("database", (h.up() ? "up since " : "DOWN since ") + h.since() + (h.up() ? "" : ": " + h.error()));
        m.put("url", settings.url());
        m.put("site", settings.site());
        m.put("server", settings.server());
        m.put("config.in-force", inForce == null ? "none from the database (local dhcpd.conf)" : inForce.toString());
        m.put("config.newest", newest == null ? "none" : newest.toString());
        m.put("config.applied", Long.toString(applied.get()));
        m.put("config.rejected", Long.toString(rejected.get()));
        if (!lastRejection.isEmpty()) {
            m.put("config.last-rejected", lastRejection);
        }
        return m;
    }

    @Override
    public void collect(MetricSink sink) {
        Map<String, String> labels = Map.of("site", settings.site());
        sink.gauge("leasehold_pgsql_up", "1 while the site's PostgreSQL database answers", labels, db.health().up() ? 1 : 0);
        sink.counter("leasehold_pgsql_down_total", "Times the database went from up to down", labels, db.failures());
        VersionId v = inForce;
        sink.gauge("leasehold_pgsql_config_version", "Number of the database configuration version in force (0: none)",
                labels, v == null ? 0 : v.number());
        sink.counter("leasehold_pgsql_config_applied_total", "Database configuration versions put in force", labels,
                applied.get());
        sink.counter("leasehold_pgsql_config_rejected_total", "Database configuration versions refused", labels,
                rejected.get());
    }
}
