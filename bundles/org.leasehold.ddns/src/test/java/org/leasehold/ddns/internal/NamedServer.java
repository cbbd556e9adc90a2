package org.leasehold.ddns.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real BIND 9 {@code named}, authoritative for example.test and 18.198.in-addr.arpa on 127.0.0.1 at a
 * free port, accepting only updates signed with the test key (hmac-sha256). Started and stopped by
 * the test; state in a temporary folder. Not thread-safe.
 */
final class NamedServer implements AutoCloseable {

    static final String KEY = "dhcp-update";
    static final List<String> ZONES = List.of("example.test", "18.198.in-addr.arpa");

    private final Path dir;
    private final int port;
    private Process process;

    private NamedServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/named")) && Files.isExecutable(Path.of("/usr/bin/dig"));
    }

    static NamedServer start(Path dir) throws IOException {
        NamedServer n = new NamedServer(dir.toAbsolutePath(), freePort());
        n.write();
        n.run();
        return n;
    }

    int port() {
        return port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p))) {
                    return p;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }

    private void write() throws IOException {
        Files.createDirectories(dir);
        StringBuilder conf = new StringBuilder();
        conf.append("key \"").append(KEY).append("\" { algorithm hmac-sha256; secret \"").append(Confs.SECRET)
                .append("\"; };\n");
        conf.append("options { directory \"").append(dir).append("\"; pid-file \"").append(dir)
                .append("/named.pid\"; session-keyfile \"").append(dir).append("/session.key\";")
                .append(" managed-keys-directory \"").append(dir).append("\"; listen-on port ").append(port)
                .append(" { 127.0.0.1; }; listen-on-v6 { none; }; recursion no; dnssec-validation no; notify no;")
                .append(" allow-transfer { none; }; };\ncontrols { };\n");
        for (String z : ZONES) {
            Files.writeString(dir.resolve(z + ".db"), "$TTL 300\n@ IN SOA ns.example.test. hostmaster.example.test. "
                    + "( 1 3600 600 86400 300 )\n@ IN NS ns.example.test.\n" + (z.equals("example.test")
                    ? "ns IN A 127.0.0.1\n" : ""));
            conf.append("zone \"").append(z).append("\" { type primary; file \"").append(dir).append('/').append(z)
                    .append(".db\"; allow-update { key \"").append(KEY).append("\"; }; };\n");
        }
        Files.writeString(dir.resolve("named.conf"), conf.toString());
    }

    /** Starts named (again, after {@link #stop()}) and waits until it answers. */
    void run() throws IOException {
        process = new ProcessBuilder("/usr/sbin/named", "-g", "-4", "-n", "1", "-c", dir.resolve("named.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("named.log").toFile()))
                .start();
        try {
            Awaitility.await("named answering on " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("named exited: " + log());
                        }
                        return dig("example.test", "SOA").contains("ns.example.test.");
                    });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** {@code dig +short NAME TYPE} against this server. */
    String dig(String name, String type) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/dig", "+time=1", "+tries=1", "+short", "-p",
                Integer.toString(port), "@127.0.0.1", name, type));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    String log() throws IOException {
        Path l = dir.resolve("named.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
