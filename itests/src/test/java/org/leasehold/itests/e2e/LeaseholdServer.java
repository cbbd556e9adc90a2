package org.leasehold.itests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The built distribution, unpacked into a work folder and started with {@code KARAF_EXEC=exec
 * bin/karaf run} inside a namespace, exactly as an operator starts it. Its console is reached with
 * {@code bin/client} as {@code admin}, whose password the distribution generates into
 * {@code etc/admin.password} on first start. Not thread-safe.
 */
final class LeaseholdServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(120);

    private final Path home;
    private final String ns;
    private Process process;

    private LeaseholdServer(Path home, String ns) {
        this.home = home;
        this.ns = ns;
    }

    /** Unpacks the assembly named by system property {@code leasehold.assembly} into {@code workDir}. */
    static LeaseholdServer unpack(Path workDir, String ns) throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("leasehold.assembly", "../karaf-assembly/target/leasehold.tar.gz"));
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("Distribution not built: " + tarball.toAbsolutePath());
        }
        Files.createDirectories(workDir);
        Exec.run(Duration.ofSeconds(60), "tar", "xzf", tarball.toAbsolutePath().toString(), "-C", workDir.toString())
                .check();
        try (var dirs = Files.list(workDir)) {
            return new LeaseholdServer(dirs.filter(Files::isDirectory).findFirst().orElseThrow(), ns);
        }
    }

    Path home() {
        return home;
    }

    void writeFile(String relative, String content) throws IOException {
        Files.writeString(home.resolve(relative), content);
    }

    /** Starts the server and waits until it listens on UDP {@code port} and its console answers. */
    void start(int port) {
        List<String> cmd = Exec.inNs(ns, "env", "KARAF_EXEC=exec", home.resolve("bin/karaf").toString(), "run");
        try {
            process = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(home.resolve("karaf.out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + cmd, e);
        }
        Awaitility.await("server listening on udp/" + port + " in " + ns).atMost(START)
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Karaf exited " + process.exitValue() + ":\n" + log());
                    }
                    return Exec.run(Duration.ofSeconds(10), null, Exec.inNs(ns, "ss", "-Hlun", "sport = :" + port))
                            .output().contains(":" + port);
                });
        Awaitility.await("console answering").atMost(START).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(home.resolve("etc/admin.password")) && console("dhcp:status").exitCode() == 0);
    }

    /** Runs one console command as admin through {@code bin/client} inside the namespace. */
    Exec.Result console(String command) throws IOException, InterruptedException {
        String password = Files.readString(home.resolve("etc/admin.password")).trim();
        List<String> cmd = new ArrayList<>(Exec.inNs(ns, home.resolve("bin/client").toString(),
                "-h", "127.0.0.1", "-u", "admin", "-p", password, "-r", "3", "-b"));
        return Exec.run(Duration.ofSeconds(60), command + "\n", cmd);
    }

    /**
     * Installs features through the console and checks the result with {@code feature:list -i}, not by
     * the client's exit status alone: a CI run once saw {@code feature:install} exit 1 with its output
     * lost. A command error fails at once with the output; a client that exited non-zero without one
     * (the command may never have reached the server) gets one more try. Either failure carries the
     * output and the end of the server log.
     */
    void installFeatures(String... features) throws IOException, InterruptedException {
        String command = "feature:install " + String.join(" ", features);
        Exec.Result r = console(command);
        if (r.exitCode() != 0 && !r.output().contains("Error executing command") && !installed(features)) {
            r = console(command);
        }
        if (r.exitCode() != 0 || !installed(features)) {
            throw new AssertionError(command + " exited " + r.exitCode() + ":\n" + r.output()
                    + "\nfeature:list -i:\n" + console("feature:list -i").output() + "\nserver log (end):\n"
                    + tail(log(), 60));
        }
    }

    private boolean installed(String... features) throws IOException, InterruptedException {
        Exec.Result list = console("feature:list -i");
        if (list.exitCode() != 0) {
            return false;
        }
        for (String f : features) {
            if (list.output().lines().noneMatch(l -> l.startsWith(f + " ") && l.contains("Started"))) {
                return false;
            }
        }
        return true;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    String log() {
        try {
            Path out = home.resolve("karaf.out");
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to the JVM: a crash, nothing flushed or closed. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM to the JVM ({@code KARAF_EXEC=exec} makes it the process we started). */
    @Override
    public void close() throws InterruptedException {
        Exec.stop(process, Duration.ofSeconds(30));
    }
}
