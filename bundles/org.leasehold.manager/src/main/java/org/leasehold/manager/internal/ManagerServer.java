package org.leasehold.manager.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.leasehold.api.FailoverControl;
import org.leasehold.api.ServerInfo;
import org.leasehold.api.StatusContributor;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.logging.RateLimitedLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server Manager interface: listens on {@code address:port} (127.0.0.1:34464 by default) once
 * {@code etc/org.leasehold.manager.cfg} names a shared secret, and serves each connection on a thread
 * of its own, at most {@code maxConnections} at once (more are closed as they come). Nothing here
 * touches the packet path: commands call the core's services from the connection's thread.
 * Thread-safe.
 */
@Component(service = StatusContributor.class, configurationPid = ManagerSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ManagerSettings.class)
public final class ManagerServer implements StatusContributor {

    private static final Logger LOG = LoggerFactory.getLogger(ManagerServer.class);

    private final ManagerSettings settings;
    private final Authenticator authenticator;
    private final SSLContext tls;
    private final Commands commands;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final RateLimitedLog warnings = new RateLimitedLog(LOG);
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicLong authenticatedCount = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong protocolErrors = new AtomicLong();
    private volatile FailoverControl failover;

    @Activate
    public ManagerServer(@Reference ConfigurationService config, @Reference LeaseStore store,
            @Reference ServerInfo info, ManagerSettings settings) throws IOException {
        this.settings = settings;
        this.authenticator = new Authenticator(secret(settings));
        this.tls = Tls.context(settings);
        if (settings.tlsRequired() && tls == null) {
            throw new IllegalArgumentException(ManagerSettings.PID + ": tlsRequired needs a keystore");
        }
        if (settings.fetchPageSize() < 1 || settings.maxConnections() < 1 || settings.maxFrameBytes() < 64) {
            throw new IllegalArgumentException(ManagerSettings.PID
                    + ": fetchPageSize and maxConnections must be at least 1, maxFrameBytes at least 64");
        }
        this.commands = new Commands(config, store, info, () -> failover, settings.fetchPageSize());
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName(settings.address()), settings.port()), 16);
        } catch (IOException e) {
            s.close();
            throw new IOException(ManagerSettings.PID + ": cannot listen on " + settings.address() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        this.listener = s;
        this.acceptor = new Thread(this::accept, "leasehold-manager-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Server Manager interface listening on {}:{} ({})", settings.address(), listener.getLocalPort(),
                tls == null ? "no TLS" : settings.tlsRequired() ? "TLS required" : "TLS offered");
    }

    /** The secret from {@code secret}, else the first line of {@code secretFile}; neither is an error. */
    static String secret(ManagerSettings s) throws IOException {
        if (!s.secret().isEmpty()) {
            return s.secret();
        }
        if (s.secretFile().isBlank()) {
            throw new IllegalArgumentException(ManagerSettings.PID
                    + ": set secret or secretFile; the Server Manager interface has no anonymous access");
        }
        String first = Files.readAllLines(Path.of(s.secretFile()), StandardCharsets.UTF_8).stream().findFirst()
                .orElse("").strip();
        if (first.isEmpty()) {
            throw new IllegalArgumentException(ManagerSettings.PID + ": secretFile " + s.secretFile() + " is empty");
        }
        return first;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindFailover(FailoverControl control) {
        failover = control;
    }

    void unbindFailover(FailoverControl control) {
        if (failover == control) {
            failover = null;
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    warn("accept", "Server Manager interface: accept failed: {}", String.valueOf(e));
                }
                continue;
            }
            accepted.incrementAndGet();
            if (sessions.size() >= settings.maxConnections()) {
                busy.incrementAndGet();
                warn("busy", "Server Manager interface: {} connections already; closing the one from {}",
                        sessions.size(), s.getRemoteSocketAddress());
                closeQuietly(s);
                continue;
            }
            Session session = new Session(this, s);
            sessions.add(session);
            Thread t = new Thread(session, "leasehold-manager " + s.getRemoteSocketAddress());
            t.setDaemon(true);
            t.start();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("close: {}", String.valueOf(e));
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        listener.close();
        sessions.forEach(Session::close);
        LOG.info("Server Manager interface on {}:{} closed", settings.address(), listener.getLocalPort());
    }

    /** The port listened on (the configured one, or the one the system chose for port 0). */
    int port() {
        return listener.getLocalPort();
    }

    // ---- for the sessions

    SSLContext tls() {
        return tls;
    }

    boolean tlsRequired() {
        return settings.tlsRequired();
    }

    Authenticator authenticator() {
        return authenticator;
    }

    Commands commands() {
        return commands;
    }

    int maxFrameBytes() {
        return settings.maxFrameBytes();
    }

    int idleTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, settings.idleTimeoutSeconds() * 1000L);
    }

    void ended(Session s) {
        sessions.remove(s);
    }

    void authenticated() {
        authenticatedCount.incrementAndGet();
    }

    void authFailed() {
        authFailures.incrementAndGet();
    }

    void protocolError() {
        protocolErrors.incrementAndGet();
    }

    void warn(String key, String message, Object... args) {
        warnings.warn(key, message, args);
    }

    // ---- dhcp:status

    @Override
    public String prefix() {
        return "manager";
    }

    @Override
    public Map<String, String> status() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("listen", settings.address() + ":" + listener.getLocalPort()
                + (tls == null ? " (no TLS)" : settings.tlsRequired() ? " (TLS required)" : " (TLS offered)"));
        m.put("connections", Integer.toString(sessions.size()));
        m.put("accepted", Long.toString(accepted.get()));
        m.put("refused-busy", Long.toString(busy.get()));
        m.put("authenticated", Long.toString(authenticatedCount.get()));
        m.put("auth-failures", Long.toString(authFailures.get()));
        m.put("protocol-errors", Long.toString(protocolErrors.get()));
        return m;
    }
}
