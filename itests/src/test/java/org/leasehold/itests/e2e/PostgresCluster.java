package org.leasehold.itests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL 15 cluster of Debian's {@code postgresql} package, made by {@code initdb} in a folder
 * of the test's work folder and run by {@code pg_ctl} as the {@code postgres} user inside a test
 * namespace, listening on one address of that namespace (and on a Unix socket in its folder, through
 * which the test administers it as superuser). Logical replication is on ({@code wal_level=logical}).
 * Clients log in with SCRAM passwords from 198.18.0.0/15. Not thread-safe.
 */
final class PostgresCluster implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final int PORT = 5432;
    private static final Duration CMD = Duration.ofSeconds(90);

    private final Path dir;
    private final String ns;
    private final String address;
    private boolean running;

    private PostgresCluster(Path dir, String ns, String address) {
        this.dir = dir;
        this.ns = ns;
        this.address = address;
    }

    static boolean installed() {
        return Files.isExecutable(BIN.resolve("postgres")) && Exec.installed("runuser") && Exec.installed("psql");
    }

    /**
     * A new cluster in {@code dir} (created; its parent, the test's work folder, is made
     * traversable for the {@code postgres} user), superuser {@code postgres} with {@code superPassword}.
     */
    static PostgresCluster init(Path dir, String ns, String address, String superPassword)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // the work folder is a private temporary folder (rwx------); the build folders above are 755
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path pw = dir.resolve("superuser.pw");
        Files.writeString(pw, superPassword + "\n");
        Exec.run(CMD, "chown", "-R", "postgres:postgres", dir.toString()).check();
        Exec.run(CMD, "runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D",
                dir.resolve("data").toString(), "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
                "--pwfile=" + pw, "-E", "UTF8", "--locale=C", "--no-instructions").check();
        Files.writeString(dir.resolve("data/postgresql.conf"), """

                # Leasehold test cluster
                listen_addresses = '%s'
                port = %d
                unix_socket_directories = '%s'
                wal_level = logical
                max_wal_senders = 10
                max_replication_slots = 10
                shared_buffers = 32MB
                max_connections = 60
                log_line_prefix = '%%m [%%p] '
                """.formatted(address, PORT, dir), java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("data/pg_hba.conf"), """
                host all all 198.18.0.0/15 scram-sha-256
                host replication all 198.18.0.0/15 scram-sha-256
                """, java.nio.file.StandardOpenOption.APPEND);
        return new PostgresCluster(dir, ns, address);
    }

    String address() {
        return address;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + address + ":" + PORT + "/" + database;
    }

    void start() throws IOException, InterruptedException {
        Exec.run(CMD, null, Exec.inNs(ns, "runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D",
                dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start"))
                .check();
        running = true;
    }

    /** A fast shutdown (sessions are ended, the WAL flushed). */
    void stop() throws IOException, InterruptedException {
        if (running) {
            Exec.run(CMD, null, Exec.inNs(ns, "runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(),
                    "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop")).check();
            running = false;
        }
    }

    /** Runs SQL as superuser through the Unix socket, each argument one {@code -c}; the output, unaligned. */
    String sql(String database, String... statements) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", "psql", "-h", dir.toString(),
                "-p", Integer.toString(PORT), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At"));
        for (String s : statements) {
            cmd.add("-c");
            cmd.add(s);
        }
        return Exec.run(CMD, null, Exec.inNs(ns, cmd.toArray(String[]::new))).check().output();
    }

    /** A login role that owns database {@code database} (created). */
    void createOwner(String database, String user, String password) throws IOException, InterruptedException {
        sql("postgres", "CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'",
                "CREATE DATABASE " + database + " OWNER " + user);
    }

    String log() {
        try {
            Path p = dir.resolve("postgres.log");
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
