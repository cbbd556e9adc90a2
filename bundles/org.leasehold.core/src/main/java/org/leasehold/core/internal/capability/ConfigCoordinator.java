package org.leasehold.core.internal.capability;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigurationService;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.SourcePosition;
import org.leasehold.core.internal.capability.Capabilities.Participant;
import org.leasehold.core.internal.config.ConfigParser;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.OptionResolvers;
import org.leasehold.core.internal.engine.ConfigView;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.ConfigWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the configuration in force: the first load at start, every reload, check and apply, and each
 * capability's part in them ({@link org.leasehold.api.config.ConfigParticipant}). Participants are
 * validated and applied on one thread of its own ({@code leasehold-config}), so none is ever called
 * concurrently and none runs on a packet or framework thread; callers of {@link #reload} and
 * friends wait for that thread. Thread-safe; {@link #current()} never blocks.
 */
public final class ConfigCoordinator implements ConfigurationService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigCoordinator.class);
    private static final long CALL_TIMEOUT_SECONDS = 120;

    private final Path file;
    private final Capabilities capabilities;
    private final Runnable inForce;
    private final AtomicLong generations = new AtomicLong();
    private static final String THREAD = "leasehold-config";
    private final ThreadLocal<Boolean> onThread = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(() -> {
            onThread.set(Boolean.TRUE);
            r.run();
        }, THREAD);
        t.setDaemon(true);
        return t;
    });
    /** Participants that refused the configuration in force, with why; they are not applied. */
    private final Map<Object, List<ConfigProblem>> refused = new ConcurrentHashMap<>();
    private volatile LoadedConf current;
    private volatile String status = "";

    /**
     * Reads the file; a file with errors leaves an empty configuration in force (serving nothing) until
     * a reload succeeds. {@code inForce} runs after each configuration is put in force (the engine
     * builds its allocator then).
     */
    public ConfigCoordinator(Path file, Capabilities capabilities, Runnable inForce) {
        this.file = file;
        this.capabilities = capabilities;
        this.inForce = inForce;
        DhcpConfig first;
        try {
            first = ConfigParser.parse(file);
            status = "loaded " + file;
        } catch (ConfigException e) {
            status = "REJECTED, serving nothing: " + e.getMessage();
            LOG.error("{} rejected, serving no subnet until dhcp:reload succeeds:\n{}", file, e.getMessage());
            first = empty();
        }
        current = new LoadedConf(file.toString(), generations.incrementAndGet(), new ConfigView(first));
    }

    /**
     * Starts the capability side: every participant bound now, and every one that binds later, is
     * validated against the configuration in force and applied when it accepts it.
     */
    public void start() {
        capabilities.onParticipant(p -> thread.execute(() -> offer(p, current)));
        thread.execute(() -> capabilities.participants().forEach(p -> offer(p, current)));
    }

    private static DhcpConfig empty() {
        try {
            return ConfigParser.parse("empty", "");
        } catch (ConfigException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public LoadedConf current() {
        return current;
    }

    /** The view the engine serves from. */
    public ConfigView view() {
        return current.view();
    }

    /** "loaded FILE" or why the file in force is empty, for dhcp:status. */
    public String status() {
        return status;
    }

    /** The participants that refused the configuration in force, by name, with their problems. */
    public Map<String, List<ConfigProblem>> refusals() {
        Map<String, List<ConfigProblem>> out = new TreeMap<>();
        for (Participant p : capabilities.participants()) {
            List<ConfigProblem> problems = refused.get(p.participant());
            if (problems != null) {
                out.put(p.name(), problems);
            }
        }
        return out;
    }

    /** The keywords bound participants read: their statements are not reported as ignored. */
    public Set<String> claimed() {
        Set<String> out = new HashSet<>();
        capabilities.participants().forEach(p -> out.addAll(Capabilities.safeKeywords(p.participant())));
        return out;
    }

    /** The configuration's warnings, less those about statements a bound capability reads. */
    public List<ConfigWarning> warnings(DhcpConfig config) {
        return config.warningsBesides(claimed());
    }

    @Override
    public List<ConfigProblem> reload() {
        return call(() -> {
            DhcpConfig parsed;
            try {
                parsed = ConfigParser.parse(file);
            } catch (ConfigException e) {
                LOG.warn("Reload of {} rejected, the running configuration stays:\n{}", file, e.getMessage());
                return problems(e);
            }
            LoadedConf candidate = new LoadedConf(file.toString(), generations.get() + 1, new ConfigView(parsed));
            List<ConfigProblem> problems = validateAll(candidate);
            if (!problems.isEmpty()) {
                LOG.warn("Reload of {} rejected by a capability, the running configuration stays:\n{}", file,
                        join(problems));
                return problems;
            }
            generations.incrementAndGet();
            current = candidate;
            status = "loaded " + file;
            refused.clear();
            inForce.run();
            capabilities.participants().forEach(p -> apply(p, candidate));
            LOG.info("Reloaded {}: {} subnets, {} hosts", file, parsed.subnets().size(), parsed.hosts().size());
            return List.of();
        });
    }

    @Override
    public List<ConfigProblem> check(String name, String text) {
        return call(() -> checkText(name, text));
    }

    private List<ConfigProblem> checkText(String name, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            DhcpConfig parsed = ConfigParser.parse(name, text, OptionResolvers.standard(),
                    dir == null ? Path.of(".") : dir);
            return validateAll(new LoadedConf(name, generations.get() + 1, new ConfigView(parsed)));
        } catch (ConfigException e) {
            return problems(e);
        }
    }

    /** Checks {@code path} as a reload would, with every bound participant; changes nothing. */
    public CheckResult check(Path path) {
        return call(() -> {
            try {
                DhcpConfig parsed = ConfigParser.parse(path);
                return new CheckResult(parsed, validateAll(new LoadedConf(path.toString(), 0, new ConfigView(parsed))));
            } catch (ConfigException e) {
                return new CheckResult(null, problems(e));
            }
        });
    }

    /** The outcome of {@link #check(Path)}: the parsed file when it parses, and every problem found. */
    public record CheckResult(DhcpConfig config, List<ConfigProblem> problems) {
    }

    @Override
    public List<ConfigProblem> apply(String text) {
        List<ConfigProblem> problems = call(() -> {
            List<ConfigProblem> p = checkText(file.toString(), text);
            if (p.isEmpty()) {
                Path dir = file.toAbsolutePath().getParent();
                Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".new");
                try {
                    Files.writeString(temp, text, StandardCharsets.UTF_8);
                    try (var ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return p;
        });
        return problems.isEmpty() ? reload() : problems;
    }

    /** Every bound participant's problems with {@code candidate}; a participant that throws is one problem. */
    private List<ConfigProblem> validateAll(DhcpdConf candidate) {
        List<ConfigProblem> all = new ArrayList<>();
        for (Participant p : capabilities.participants()) {
            all.addAll(validate(p, candidate));
        }
        return all;
    }

    private List<ConfigProblem> validate(Participant p, DhcpdConf conf) {
        try {
            List<ConfigProblem> problems = p.participant().validate(conf);
            return problems == null ? List.of() : List.copyOf(problems);
        } catch (RuntimeException e) {
            LOG.warn("Configuration participant {} failed: {}", p.name(), String.valueOf(e), e);
            return List.of(new ConfigProblem(new SourcePosition(conf.source(), 1, 1),
                    p.name() + " could not check the configuration: " + e));
        }
    }

    /** A participant that arrived, or every one at start: validate against what is in force, apply if it accepts. */
    private void offer(Participant p, LoadedConf conf) {
        if (conf != current) {
            return; // a reload since: it validated and applied every participant bound then
        }
        List<ConfigProblem> problems = validate(p, conf);
        if (!problems.isEmpty()) {
            refused.put(p.participant(), problems);
            LOG.error("{} refuses the configuration in force, and serves without it until a reload it accepts:\n{}",
                    p.name(), join(problems));
            return;
        }
        refused.remove(p.participant());
        apply(p, conf);
    }

    private void apply(Participant p, DhcpdConf conf) {
        try {
            p.participant().apply(conf);
        } catch (RuntimeException e) {
            LOG.warn("Configuration participant {} failed to apply generation {}: {}", p.name(), conf.generation(),
                    String.valueOf(e), e);
        }
    }

    private static List<ConfigProblem> problems(ConfigException e) {
        return e.problems().stream().map(p -> new ConfigProblem(new SourcePosition(p.pos().file(), p.pos().line(),
                p.pos().column()), p.message())).toList();
    }

    private static String join(List<ConfigProblem> problems) {
        return String.join("\n", problems.stream().map(ConfigProblem::toString).toList());
    }

    /** Runs {@code task} on the configuration thread and waits for it (bounded). */
    private <T> T call(Callable<T> task) {
        if (Thread.currentThread().getName().equals(THREAD) && onThread.get() == Boolean.TRUE) {
            try {
                return task.call(); // a participant reloading from apply(): we are already on the thread
            } catch (Exception e) {
                throw new IllegalStateException("configuration task failed: " + e, e);
            }
        }
        Future<T> f = thread.submit(task);
        try {
            return f.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("configuration task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("configuration task did not finish in " + CALL_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the configuration thread", e);
        }
    }

    @Override
    public void close() {
        capabilities.onParticipant(p -> { });
        thread.shutdownNow();
    }
}
