package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** ISC dhcpd 4.4.3 and dhclient as the comparison tests run them: one server, one DORA. Stateless. */
final class IscDhcpd {

    private IscDhcpd() {
    }

    /**
     * Starts {@code dhcpd -4 -f -d} in {@code ns} on srv0 with a fresh leases file in {@code dir} and waits
     * until it listens on udp/67; stop it with {@link Exec#stop}.
     */
    static Process start(String ns, Path conf, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dhcpd.leases"), "");
        Process p = new ProcessBuilder(Exec.inNs(ns, "dhcpd", "-4", "-f", "-d", "-cf", conf.toString(), "-lf",
                dir.resolve("dhcpd.leases").toString(), "-pf", dir.resolve("dhcpd.pid").toString(), "srv0"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("dhcpd.log").toFile()).start();
        Awaitility.await("ISC dhcpd listening").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    assertThat(p.isAlive()).as(Files.readString(dir.resolve("dhcpd.log"))).isTrue();
                    return Exec.run(Duration.ofSeconds(10), null, Exec.inNs(ns, "ss", "-Hlun", "sport = :67"))
                            .output().contains(":67");
                });
        return p;
    }

    /**
     * One {@code dhclient -1} DORA on cli0 of {@code ns} with a fresh lease file in {@code dir} (and
     * {@code conf} as dhclient.conf when not null), then {@code dhclient -x}; the address it was bound to.
     */
    static String dhclientOnce(String ns, Path dir, Path conf) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("timeout", "75", "dhclient", "-4", "-1",
                "-v", "-sf", "/bin/true", "-lf", dir.resolve("dhclient.leases").toString(), "-pf",
                dir.resolve("dhclient.pid").toString()));
        if (conf != null) {
            cmd.addAll(java.util.List.of("-cf", conf.toString()));
        }
        cmd.add("cli0");
        Exec.Result r = Exec.run(Duration.ofSeconds(90), null, Exec.inNs(ns, cmd.toArray(String[]::new)));
        Files.writeString(dir.resolve("dhclient.log"), r.output());
        Exec.run(Duration.ofSeconds(20), null, Exec.inNs(ns, "dhclient", "-x", "-pf",
                dir.resolve("dhclient.pid").toString(), "cli0"));
        Matcher m = Pattern.compile("bound to (\\d+\\.\\d+\\.\\d+\\.\\d+)").matcher(r.output());
        assertThat(m.find()).as("dhclient got a lease:\n" + r.output()).isTrue();
        return m.group(1);
    }
}
