package org.leasehold.core.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the programs of ISC {@code execute} statements in lease events, only when the operator enabled
 * it ({@code eventsExecute = true}), on one worker thread of its own: never on an event loop, and only
 * after the lease is stored and the reply sent. Each program gets a time limit, after which it and its
 * children are killed; its output (stdout and stderr, at most {@value #OUTPUT_LIMIT} bytes) and exit
 * status go to the {@code org.leasehold.events} log. At most {@code queue} programs wait; more are
 * dropped and counted ({@code events.execute-dropped}). Thread-safe.
 */
public final class ProgramRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("org.leasehold.events");
    static final int OUTPUT_LIMIT = 16384;

    /** A program with its evaluated arguments, for the lease {@code label}. */
    public record Invocation(String program, List<String> arguments, String label) {
        public Invocation {
            arguments = List.copyOf(arguments);
        }
    }

    /** Runs nothing: {@code execute} statements are skipped and counted (the default). */
    public static ProgramRunner disabled() {
        return new ProgramRunner(false, 10, 1);
    }

    private final boolean enabled;
    private final long timeoutSeconds;
    private final ThreadPoolExecutor executor;
    private volatile Consumer<String> counter = name -> { };

    public ProgramRunner(boolean enabled, long timeoutSeconds, int queue) {
        this.enabled = enabled;
        this.timeoutSeconds = Math.max(1, timeoutSeconds);
        this.executor = enabled ? new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queue)), r -> {
                    Thread t = new Thread(r, "leasehold-events-execute");
                    t.setDaemon(true);
                    return t;
                }) : null;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Where the counters go (the engine's). */
    void countInto(Consumer<String> counter) {
        this.counter = counter;
    }

    /** Queues the program; when the queue is full it is dropped, counted and logged. */
    void submit(Invocation i) {
        if (!enabled) {
            counter.accept("events.execute-disabled");
            return;
        }
        try {
            executor.execute(() -> run(i));
        } catch (RejectedExecutionException e) {
            counter.accept("events.execute-dropped");
            LOG.warn("{}: execute {} dropped: {} programs already waiting", i.label(), i.program(),
                    executor.getQueue().size());
        }
    }

    private void run(Invocation i) {
        List<String> command = new ArrayList<>();
        command.add(i.program());
        command.addAll(i.arguments());
        Path output = null;
        Process p = null;
        try {
            output = Files.createTempFile("leasehold-execute", ".out");
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            counter.accept("events.execute-started");
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                kill(p);
                p.waitFor(5, TimeUnit.SECONDS);
                counter.accept("events.execute-killed");
                LOG.warn("{}: execute {} killed after {} s", i.label(), i.program(), timeoutSeconds);
            }
            String text = read(output);
            if (!text.isBlank()) {
                LOG.info("{}: execute {} output: {}", i.label(), i.program(), text.strip());
            }
            if (done) {
                int status = p.exitValue();
                if (status == 0) {
                    LOG.info("{}: execute {} exited with status 0", i.label(), i.program());
                } else {
                    counter.accept("events.execute-failed");
                    LOG.warn("{}: execute {} exited with status {}", i.label(), i.program(), status);
                }
            }
        } catch (IOException e) {
            counter.accept("events.execute-failed");
            LOG.warn("{}: execute {} could not run: {}", i.label(), i.program(), e.getMessage());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.debug("execute output {} not deleted: {}", output, e.toString());
                }
            }
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static String read(Path output) throws IOException {
        try (InputStream in = Files.newInputStream(output)) {
            return new String(in.readNBytes(OUTPUT_LIMIT), StandardCharsets.UTF_8);
        }
    }

    /** Stops the worker; a running program is killed with it (interrupting its wait). */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
