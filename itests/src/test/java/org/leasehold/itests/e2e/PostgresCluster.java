package org.leasehold.itests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL 15 (Debian's {@code postgresql-15}) run inside a test network namespace: a cluster
 * made by {@code initdb} in a test folder, run by {@code pg_ctl} as user {@code postgres}, listening on
 * one address of the namespace, port 5432. It has a login role {@code leasehold} (SCRAM password
 * {@link #PASSWORD}) owning database {@code leasehold}, and {@code pg_hba} lets that role and the
 * replication role {@code leasehold_repl} in from the test addresses 198.18.0.0/15 only. With
 * {@code logical} it is set up as a publisher and subscriber for logical replication. Needs root.
 * Not thread-safe.
 */
final class PostgresCluster implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String PASSWORD = "leasehold-e2e-pw";
    static final int PORT = 5432;
    private static final Duration CMD = Duration.ofSeconds(90);

    private final String ns;
    private final Path dir;
    private final String address;
    private boolean running;

    private PostgresCluster(String ns, Path dir, String address) {
        this.ns = ns;
        this.dir = dir;
        this.address = address;
    }

    static boolean available() {
        return Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(Path.of("/usr/sbin/runuser"));
    }

    /** Creates the cluster in {@code dir} (a new folder) and starts it in {@code ns} on {@code address}. */
    static PostgresCluster start(String ns, Path dir, String address, boolean logical)
            throws IOException, InterruptedException {
        for (Path p = dir.getParent(); p != null && p.getNameCount() > 1; p = p.getParent()) {
            // postgres must be able to walk down to its data folder
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (p.endsWith("target")) {
                break;
            }
        }
        Files.createDirectories(dir);
        Path pw = dir.resolve("superuser.pw");
        Files.writeString(pw, "super-" + PASSWORD + "\n");
        run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        run(List.of("runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D", data(dir).toString(),
                "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8",
                "--locale=C", "--no-instructions"));
        Files.writeString(data(dir).resolve("postgresql.conf"), """

                listen_addresses = '%s'
                port = %d
                unix_socket_directories = '%s'
                shared_buffers = 32MB
                max_connections = 60
                fsync = on
                %s
                """.formatted(address, PORT, dir, logical
                ? "wal_level = logical\nmax_wal_senders = 8\nmax_replication_slots = 8\n" : ""),
                StandardOpenOption.APPEND);
        Files.writeString(data(dir).resolve("pg_hba.conf"), """
                host all leasehold 198.18.0.0/15 scram-sha-256
                host all leasehold_repl 198.18.0.0/15 scram-sha-256
                host replication leasehold_repl 198.18.0.0/15 scram-sha-256
                """, StandardOpenOption.APPEND);
        PostgresCluster pg = new PostgresCluster(ns, dir, address);
        pg.start();
        pg.sql("postgres", "CREATE ROLE leasehold LOGIN PASSWORD '" + PASSWORD + "'");
        pg.sql("postgres", "CREATE ROLE leasehold_repl LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
        pg.sql("postgres", "CREATE DATABASE leasehold OWNER leasehold");
        return pg;
    }

    private static Path data(Path dir) {
        return dir.resolve("data");
    }

    String address() {
        return address;
    }

    /** The JDBC URL a Leasehold server in a namespace that reaches {@link #address()} uses. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + address + ":" + PORT + "/leasehold";
    }

    /** A libpq connection string for a subscription, as the replication role. */
    String replicationConnection() {
        return "host=" + address + " port=" + PORT + " dbname=leasehold user=leasehold_repl password=" + PASSWORD;
    }

    void start() throws IOException, InterruptedException {
        run(Exec.inNs(ns, "runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D",
                data(dir).toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start"));
        running = true;
    }

    void stop() throws IOException, InterruptedException {
        if (running) {
            run(Exec.inNs(ns, "runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D",
                    data(dir).toString(), "-m", "fast", "-w", "-t", "60", "stop"));
            running = false;
        }
    }

    /** Runs SQL as superuser in database {@code leasehold}; returns psql's unaligned output. */
    String sql(String statement) throws IOException, InterruptedException {
        return sql("leasehold", statement);
    }

    String sql(String database, String statement) throws IOException, InterruptedException {
        return run(List.of("runuser", "-u", "postgres", "--", BIN.resolve("psql").toString(), "-h", dir.toString(),
                "-p", Integer.toString(PORT), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c",
                statement));
    }

    String log() {
        try {
            Path log = dir.resolve("postgres.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Exec.Result r = Exec.run(CMD, null, new ArrayList<>(command));
        r.check();
        return r.output();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
