package org.leasehold.store.pgsql.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 (Debian's package) for the bundle's tests: a cluster made by {@code initdb} in
 * a test folder and run by {@code pg_ctl} as the {@code postgres} user on 127.0.0.1 and a free port,
 * with a login role {@code leasehold} (SCRAM password) owning database {@code leasehold}. Needs root
 * (to run as {@code postgres}); {@link #available()} says whether it can run here. Not thread-safe.
 */
public final class LocalPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String PASSWORD = "pgsql-unit-test";

    private final Path dir;
    private final int port;
    private boolean running;

    private LocalPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(BIN.resolve("postgres"))
                && Files.isExecutable(Path.of("/usr/sbin/runuser"));
    }

    /** Creates and starts the cluster in {@code dir} (a fresh folder it creates). */
    public static LocalPostgres start(Path dir) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir);
        Path pw = dir.resolve("superuser.pw");
        Files.writeString(pw, "super-" + PASSWORD + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        run("chown", "-R", "postgres:postgres", dir.toString());
        run("runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8",
                "--locale=C", "--no-instructions");
        Files.writeString(dir.resolve("data/postgresql.conf"), """

                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                shared_buffers = 16MB
                max_connections = 30
                """.formatted(port, dir), java.nio.file.StandardOpenOption.APPEND);
        LocalPostgres pg = new LocalPostgres(dir, port);
        pg.start();
        pg.sql("CREATE ROLE leasehold LOGIN PASSWORD '" + PASSWORD + "'");
        pg.sql("CREATE DATABASE leasehold OWNER leasehold");
        return pg;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/leasehold";
    }

    public void start() throws IOException, InterruptedException {
        run("runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start");
        running = true;
    }

    public void stop() throws IOException, InterruptedException {
        if (running) {
            run("runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D",
                    dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop");
            running = false;
        }
    }

    /** Runs one statement as superuser in database {@code leasehold} (or {@code postgres} before it exists). */
    public String sql(String statement) throws IOException, InterruptedException {
        String db = statement.startsWith("CREATE ROLE") || statement.startsWith("CREATE DATABASE") ? "postgres" : "leasehold";
        return run("runuser", "-u", "postgres", "--", BIN.resolve("psql").toString(), "-h", dir.toString(), "-p",
                Integer.toString(port), "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-At", "-c", statement);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
