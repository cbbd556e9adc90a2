package org.leasehold.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One unpacked copy of the built {@code leasehold} distribution, started with {@code bin/karaf run}
 * exactly as an operator starts it, and driven through its console with {@code bin/client}.
 * Optionally run under a command prefix (e.g. {@code ip netns exec NS}). Not thread-safe.
 */
public final class Distribution implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final List<String> prefix;
    private final int sshPort;
    private Process process;

    private Distribution(Path home, List<String> prefix, int sshPort) {
        this.home = home;
        this.prefix = List.copyOf(prefix);
        this.sshPort = sshPort;
    }

    /**
     * Unpacks the assembly named by system property {@code leasehold.assembly} into {@code workDir},
     * with the console, JMX and DHCP on free ports, so that it never meets another distribution on the
     * machine (a Leasehold refuses a DHCP port another process holds).
     */
    public static Distribution unpack(Path workDir, List<String> prefix) throws IOException, InterruptedException {
        Distribution d = unpackAsShipped(workDir, prefix);
        d.editConfig("etc/org.leasehold.core.cfg", "port", Integer.toString(freeUdpPort()));
        d.editConfig("etc/org.leasehold.core.cfg", "clientPort", Integer.toString(freeUdpPort()));
        return d;
    }

    /** As {@link #unpack}, with DHCP on the ports the distribution ships with (127.0.0.1:6767). */
    public static Distribution unpackAsShipped(Path workDir, List<String> prefix) throws IOException, InterruptedException {
        Path tarball = Paths.get(System.getProperty("leasehold.assembly", "../karaf-assembly/target/leasehold.tar.gz"));
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("Distribution not built: " + tarball.toAbsolutePath());
        }
        Files.createDirectories(workDir);
        Commands.run(Duration.ofSeconds(60), "tar", "xzf", tarball.toAbsolutePath().toString(), "-C", workDir.toString())
                .assertSuccess();
        Path home;
        try (var dirs = Files.list(workDir)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Distribution d = new Distribution(home, prefix, freePort());
        d.editConfig("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(d.sshPort));
        d.editConfig("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        d.editConfig("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
        return d;
    }

    public Path home() {
        return home;
    }

    public int sshPort() {
        return sshPort;
    }

    /** Writes a file under the distribution folder (e.g. {@code etc/dhcpd.conf}). */
    public void writeFile(String relative, String content) throws IOException {
        Files.writeString(home.resolve(relative), content, StandardCharsets.UTF_8);
    }

    /** Sets {@code key = value} in a {@code .cfg} file, replacing an existing assignment. */
    public void editConfig(String relative, String key, String value) throws IOException {
        Path file = home.resolve(relative);
        String text = Files.exists(file) ? Files.readString(file) : "";
        Pattern p = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=.*$");
        Matcher m = p.matcher(text);
        String line = key + " = " + value;
        text = m.find() ? m.replaceFirst(Matcher.quoteReplacement(line)) : text + "\n" + line + "\n";
        Files.writeString(file, text);
    }

    /** Starts {@code bin/karaf run} and waits until {@code dhcp:status} answers that it serves. */
    public void start() throws IOException, InterruptedException {
        launch();
        awaitHeadline(h -> h.startsWith("serving"), "serving");
    }

    /**
     * Starts {@code bin/karaf run} and waits until {@code dhcp:status} answers that it does NOT serve;
     * returns that first line ({@code not serving: <reason>}).
     */
    public String startNotServing() throws IOException, InterruptedException {
        launch();
        return awaitHeadline(h -> h.startsWith("not serving"), "not serving");
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(home.resolve("bin/karaf").toString());
        cmd.add("run");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf.out").toFile());
        pb.environment().remove("KARAF_EXEC");
        process = pb.start();
    }

    /**
     * Waits until the first line of {@code dhcp:status} (serving, starting, not serving) matches, and
     * returns it; fails with the distribution's diagnostics when the process exits or time runs out.
     */
    public String awaitHeadline(Predicate<String> wanted, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited with " + process.exitValue() + ":\n" + log());
            }
            if (Files.exists(home.resolve("etc/admin.password"))) {
                Commands.Result r = console("dhcp:status");
                String first = r.output().lines().findFirst().orElse("").trim();
                if (r.exitCode() == 0 && wanted.test(first)) {
                    return first;
                }
                last = first;
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("dhcp:status did not say " + what + " within " + START_TIMEOUT
                + " (last: " + last + "):\n" + diagnostics());
    }

    /**
     * What a start that hung leaves to read: the console output, the tail of the Karaf log and a
     * thread dump of the distribution's JVM.
     */
    public String diagnostics() {
        StringBuilder b = new StringBuilder(log());
        Path karafLog = home.resolve("data/log/karaf.log");
        try {
            if (Files.exists(karafLog)) {
                List<String> lines = Files.readAllLines(karafLog, StandardCharsets.UTF_8);
                b.append("\n--- data/log/karaf.log (last 150 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size())));
            }
        } catch (IOException | UncheckedIOException e) {
            b.append("\n--- data/log/karaf.log unreadable: ").append(e);
        }
        Path jstack = Paths.get(System.getProperty("java.home"), "bin", "jstack");
        process.descendants().filter(ph -> ph.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .forEach(jvm -> {
                    try {
                        Commands.Result dump = Commands.run(Duration.ofSeconds(30), jstack.toString(),
                                Long.toString(jvm.pid()));
                        b.append("\n--- threads of JVM ").append(jvm.pid()).append('\n').append(dump.output());
                    } catch (IOException | RuntimeException e) {
                        b.append("\n--- no thread dump of ").append(jvm.pid()).append(": ").append(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        return b.toString();
    }

    /** The generated admin password (etc/admin.password). */
    public String adminPassword() throws IOException {
        return Files.readString(home.resolve("etc/admin.password")).trim();
    }

    /** Runs a console command as admin through {@code bin/client}. */
    public Commands.Result console(String command) throws IOException, InterruptedException {
        return client("admin", adminPassword(), command);
    }

    /** Runs a console command through {@code bin/client} with the given credentials. */
    public Commands.Result client(String user, String password, String command)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a", Integer.toString(sshPort),
                "-u", user, "-p", password, "-r", "1", "-b"));
        return Commands.runWithInput(Duration.ofSeconds(60), command + "\n", cmd);
    }

    /** The JVM's process id ({@code KARAF_EXEC=exec} makes the script become the JVM). */
    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Sends SIGTERM and waits for the JVM to exit; returns its exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Karaf did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    public String log() {
        try {
            Path out = home.resolve("karaf.out");
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
