package org.leasehold.itests.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The project's CLF simulator ({@code org.leasehold.nacf.internal.simulator.ClfSimulator}) run as an
 * operator runs it: {@code java -cp} the NACF jar from the distribution's {@code system/} folder,
 * inside a namespace. Its stdout lines are kept (and copied to a log file); commands go to its stdin.
 * Not thread-safe.
 */
final class ClfSimulatorProcess implements AutoCloseable {

    static final String MAIN = "org.leasehold.nacf.internal.simulator.ClfSimulator";

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final OutputStream stdin;

    private ClfSimulatorProcess(Process process, Path log) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(() -> pump(log), "clf-simulator-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The NACF jar inside an unpacked distribution. */
    static Path jar(Path home) {
        String v = System.getProperty("leasehold.version", "0.1.0-SNAPSHOT");
        return home.resolve("system/org/leasehold/org.leasehold.nacf/" + v + "/org.leasehold.nacf-" + v + ".jar");
    }

    static ClfSimulatorProcess start(String ns, Path jar, int port, String secret, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(Exec.inNs(ns, java, "-cp", jar.toString(), MAIN, "--bind", "127.0.0.1",
                "--port", Integer.toString(port), "--secret", secret)).redirectErrorStream(true).start();
        ClfSimulatorProcess sim = new ClfSimulatorProcess(p, log);
        sim.await("listening", l -> l.startsWith("LISTENING "), Duration.ofSeconds(30));
        return sim;
    }

    private void pump(Path log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
                w.println(System.currentTimeMillis() + " " + line);
                w.flush();
            }
        } catch (IOException e) {
            lines.add("IOERROR " + e);
        }
    }

    /** Sends one command and waits for its {@code OK}. */
    void command(String command) throws IOException {
        long before = lines.stream().filter(l -> l.equals("OK " + command)).count();
        stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        Awaitility.await("simulator did " + command).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> lines.stream().filter(l -> l.equals("OK " + command)).count() > before);
    }

    /** Waits for a line matching {@code p}; returns the first one. */
    String await(String what, Predicate<String> p, Duration timeout) {
        String[] found = new String[1];
        Awaitility.await("simulator: " + what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive() && lines.stream().noneMatch(p)) {
                throw new IllegalStateException("simulator exited:\n" + String.join("\n", lines));
            }
            found[0] = lines.stream().filter(p).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** Every line so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The {@code RECV <kind>} lines so far. */
    List<String> received(String kind) {
        return lines.stream().filter(l -> l.startsWith("RECV " + kind + " ")).toList();
    }

    void clear() {
        lines.clear();
    }

    /** SIGKILL: the CLF dies, its connections with it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        Exec.stop(process, Duration.ofSeconds(5));
    }
}
