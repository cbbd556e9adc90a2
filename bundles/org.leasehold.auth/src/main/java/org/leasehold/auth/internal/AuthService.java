package org.leasehold.auth.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.leasehold.api.StatusContributor;
import org.leasehold.api.metrics.MetricSink;
import org.leasehold.api.metrics.MetricsSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication state shared by the packet handlers, the reconfiguration and the commands: the
 * level (changed at run time by {@code @Modified} or the console, read per packet), the keys of
 * {@code dhcpkey.conf} (read at activation whatever the level; a missing or broken file is logged as an
 * error and the server runs on with no keys), the replay journal, the server's own replay counter and
 * the counters. Thread-safe: level and keys are volatile immutable values.
 */
@Component(service = {AuthService.class, StatusContributor.class, MetricsSource.class},
        configurationPid = AuthConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AuthConfig.class)
public final class AuthService implements StatusContributor, MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    private final Path keyPath;
    private final ReplayJournal journal;
    private final AuthCounters counters = new AuthCounters();
    private final AtomicLong serverReplay = new AtomicLong();
    private final Map<String, Runnable> renewalWatch = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile AuthLevel level;
    private volatile KeyFile keys;
    private volatile AuthConfig config;

    @Activate
    public AuthService(AuthConfig config) {
        this(config, path(config.keyFile(), "karaf.etc", "dhcpkey.conf"),
                path(config.replayFile(), "karaf.data", "leasehold/auth-replay.journal"));
    }

    AuthService(AuthConfig config, Path keyPath, Path replayPath) {
        this.level = AuthLevel.of(config.level());
        this.config = config;
        this.keyPath = keyPath;
        this.keys = KeyFile.empty(keyPath.toString());
        reloadKeys();
        try {
            this.journal = new ReplayJournal(replayPath);
        } catch (IOException e) {
            throw new UncheckedIOException(AuthConfig.PID + ": cannot open the replay journal " + replayPath, e);
        }
        LOG.info("Authentication level {}, {} key(s) from {}, replay counters of {} client(s)", level, keys.size(),
                keyPath, journal.clients());
    }

    private static Path path(String configured, String property, String relative) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty(property, property.substring(property.indexOf('.') + 1))).resolve(relative);
    }

    @Modified
    void modified(AuthConfig next) {
        AuthLevel l;
        try {
            l = AuthLevel.of(next.level());
        } catch (IllegalArgumentException e) {
            LOG.error("{}; level stays {}", e.getMessage(), level);
            return;
        }
        config = next;
        if (l != level) {
            LOG.info("Authentication level {} (was {})", l, level);
            level = l;
        }
    }

    @Deactivate
    void deactivate() {
        journal.close();
    }

    /**
     * Reads {@code dhcpkey.conf} again. A missing or broken file keeps the keys in force and logs
     * every error at its line; the errors are returned (empty when the new keys are in force).
     */
    public List<String> reloadKeys() {
        KeyFile.Result r = KeyFile.read(keyPath);
        if (r.keys().isPresent()) {
            keys = r.keys().get();
            LOG.info("{} authentication key(s) read from {}", keys.size(), keyPath);
            return List.of();
        }
        for (String e : r.errors()) {
            LOG.error("Authentication keys not loaded: {}", e);
        }
        counters.count("keyfile.errors");
        return r.errors();
    }

    public AuthLevel level() {
        return level;
    }

    /** Changes the level at once (the console also stores it in the configuration). */
    public void level(AuthLevel l) {
        if (l != level) {
            LOG.info("Authentication level {} (was {})", l, level);
            level = l;
        }
    }

    public KeyFile keys() {
        return keys;
    }

    AuthConfig config() {
        return config;
    }

    ReplayJournal journal() {
        return journal;
    }

    AuthCounters counters() {
        return counters;
    }

    /**
     * The replay-detection value of the next authenticated message the server sends: strictly greater
     * than the one before, and than any sent before a restart as long as the clock does not go back
     * (microseconds since the epoch).
     */
    long nextServerReplay() {
        long now = System.currentTimeMillis() * 1000;
        return serverReplay.updateAndGet(prev -> Math.max(prev + 1, now));
    }

    /** Runs {@code onRenewal} on the next authenticated REQUEST of {@code identity} (reconfiguration). */
    void watchRenewal(String identity, Runnable onRenewal) {
        renewalWatch.put(identity, onRenewal);
    }

    void unwatchRenewal(String identity) {
        renewalWatch.remove(identity);
    }

    /** Called by the packet handler for each authenticated DHCPREQUEST. */
    void authenticatedRequest(String identity) {
        Runnable r = renewalWatch.remove(identity);
        if (r != null) {
            r.run();
        }
    }

    @Override
    public String prefix() {
        return "auth";
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("level", level.toString());
        out.put("keys", keys.size() + " from " + keyPath);
        out.put("replay.clients", Integer.toString(journal.clients()));
        counters.snapshot().forEach((k, v) -> out.put(k, Long.toString(v)));
        return out;
    }

    @Override
    public void collect(MetricSink sink) {
        sink.gauge("leasehold_auth_level", "Authentication level (0 unsupported, 1 mandatory, 2 optional)", Map.of(),
                level.number);
        sink.gauge("leasehold_auth_keys", "Client keys loaded from dhcpkey.conf", Map.of(), keys.size());
        counters.snapshot().forEach((k, v) -> sink.counter("leasehold_auth_events_total",
                "Authentication outcomes, rejections by reason, FORCERENEW progress", Map.of("event", k), v));
    }
}
