package org.leasehold.itests.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real client (dhclient, udhcpc or dhcpcd) driven through acquire, renew and release by
 * {@code scenario.sh} inside a client namespace. At each {@code STEP} line the script waits until
 * {@link #proceed()} so the test can look at the server's lease table in between. Not thread-safe.
 */
final class ClientRun implements AutoCloseable {

    private static final String EOF = "\u0000EOF";
    private static final Pattern IP = Pattern.compile("ip=(\\d+\\.\\d+\\.\\d+\\.\\d+)");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private ClientRun(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "client-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ClientRun start(String ns, Path script, String client, String ifname, Path workDir, int acquireSeconds)
            throws IOException {
        return start(ns, script, client, ifname, workDir, acquireSeconds, java.util.Map.of());
    }

    /** As {@link #start}, with environment variables for the script ({@code SCENARIO_HOSTNAME}, ...). */
    static ClientRun start(String ns, Path script, String client, String ifname, Path workDir, int acquireSeconds,
            java.util.Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of("bash", script.toString(), client, ifname, workDir.toString(),
                Integer.toString(acquireSeconds)));
        return new ClientRun(new ProcessBuilder(Exec.inNs(ns, cmd.toArray(String[]::new))).redirectErrorStream(true)
                .start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("IOERROR " + e);
        } finally {
            lines.add(EOF);
        }
    }

    /**
     * Reads output until a line starting with {@code STEP step} (returned) or the end of the script
     * (empty). Every line read is kept for {@link #transcript()}.
     */
    Optional<String> awaitStep(String step, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("No 'STEP " + step + "' within " + timeout + ":\n" + transcript());
            }
            if (EOF.equals(line)) {
                lines.add(EOF);
                return Optional.empty();
            }
            transcript.add(line);
            if (line.startsWith("STEP " + step)) {
                return Optional.of(line);
            }
        }
    }

    /** Lets the script go on past a STEP. */
    void proceed() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    /** Waits for the script to end; returns its exit code. */
    int finish(Duration timeout) throws InterruptedException, IOException {
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Client scenario still running after " + timeout + ":\n" + transcript());
        }
        awaitStep("\u0000never", Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** RESULT lines for one step, e.g. {@code result("acquire")}. */
    Optional<String> result(String step) {
        return transcript.stream().filter(l -> l.startsWith("RESULT ") && l.split(" ").length > 2
                && l.split(" ")[2].equals(step)).findFirst();
    }

    static Optional<String> ipOf(String line) {
        Matcher m = IP.matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    String transcript() {
        return String.join("\n", transcript);
    }

    @Override
    public void close() throws InterruptedException {
        Exec.stop(process, Duration.ofSeconds(10));
    }
}
