package org.leasehold.itests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * BIND 9 {@code named} from Debian, started by the test inside a namespace on that namespace's own
 * loopback, port 53, authoritative for example.test and 18.198.in-addr.arpa; both zones accept only
 * updates signed with the TSIG key {@value #KEY} (hmac-sha256). Recursion, notify and transfers are
 * off, so it never sends a packet on its own. State (zones, journal, log) in a work folder. Not
 * thread-safe.
 */
final class NamedDns implements AutoCloseable {

    static final String KEY = "dhcp-update";
    static final String SECRET = "jV8UBoRLHfFrX01ZiojHlZuhgyrT3K1MGmwPxHt6364=";
    static final List<String> ZONES = List.of("example.test", "18.198.in-addr.arpa");

    private final String ns;
    private final Path dir;
    private Process process;

    private NamedDns(String ns, Path dir) {
        this.ns = ns;
        this.dir = dir;
    }

    /** Writes the configuration and starts named; waits until it answers. */
    static NamedDns start(String ns, Path dir) throws IOException, InterruptedException {
        NamedDns n = new NamedDns(ns, dir.toAbsolutePath());
        Files.createDirectories(n.dir);
        StringBuilder conf = new StringBuilder("key \"" + KEY + "\" { algorithm hmac-sha256; secret \"" + SECRET
                + "\"; };\noptions { directory \"" + n.dir + "\"; pid-file \"" + n.dir + "/named.pid\";"
                + " session-keyfile \"" + n.dir + "/session.key\"; managed-keys-directory \"" + n.dir + "\";"
                + " listen-on port 53 { 127.0.0.1; }; listen-on-v6 { none; }; recursion no;"
                + " dnssec-validation no; notify no; allow-transfer { none; }; };\ncontrols { };\n");
        for (String z : ZONES) {
            Files.writeString(n.dir.resolve(z + ".db"), "$TTL 300\n@ IN SOA ns.example.test. hostmaster.example.test."
                    + " ( 1 3600 600 86400 300 )\n@ IN NS ns.example.test.\n"
                    + (z.equals("example.test") ? "ns IN A 127.0.0.1\n" : ""));
            conf.append("zone \"").append(z).append("\" { type primary; file \"").append(n.dir).append('/').append(z)
                    .append(".db\"; allow-update { key \"").append(KEY).append("\"; }; };\n");
        }
        Files.writeString(n.dir.resolve("named.conf"), conf.toString());
        n.run();
        return n;
    }

    /** The dhcpd.conf lines that point Leasehold at this server with the right key. */
    static String dhcpdConf(String secret) {
        return "key " + KEY + " { algorithm hmac-sha256; secret \"" + secret + "\"; };\n"
                + "zone example.test. { primary 127.0.0.1; key " + KEY + "; }\n"
                + "zone 18.198.in-addr.arpa. { primary 127.0.0.1; key " + KEY + "; }\n";
    }

    /** (Re)starts named and waits until it answers. */
    void run() throws IOException, InterruptedException {
        process = new ProcessBuilder(Exec.inNs(ns, "/usr/sbin/named", "-g", "-4", "-n", "1", "-c",
                dir.resolve("named.conf").toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("named.log").toFile())).start();
        try {
            Awaitility.await("named answering in " + ns).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("named exited:\n" + log());
                        }
                        return dig("example.test", "SOA").contains("ns.example.test.");
                    });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** {@code dig +short NAME TYPE} against this server, from inside its namespace. */
    String dig(String name, String type) throws IOException, InterruptedException {
        return Exec.run(Duration.ofSeconds(10), null, Exec.inNs(ns, "dig", "+time=1", "+tries=1", "+short",
                "@127.0.0.1", name, type)).output().trim();
    }

    String log() throws IOException {
        Path l = dir.resolve("named.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    void stop() throws InterruptedException {
        Exec.stop(process, Duration.ofSeconds(15));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
