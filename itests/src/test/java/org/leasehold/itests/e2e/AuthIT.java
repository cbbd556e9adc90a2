package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built distribution with feature {@code leasehold-auth} against a scripted RFC 3118 client
 * ({@code auth_client.py}: delayed authentication, HMAC-MD5, its own MAC check of every reply): every
 * row of the spec's three level tables, the level changed on the console between packets, the
 * {@code allow authenticated clients} pool, a replayed REQUEST, the rejection counters in
 * {@code dhcp:status}, and a restart without {@code dhcpkey.conf}.
 *
 * <p>Root only (namespaces, port 67), skipped otherwise; needs python3 and iproute2. Namespaces
 * {@code lhXXXXXX-*} on 198.18.0.0/16, created and removed here. Run:
 * {@code mvn -B verify -pl itests -am -Dit.test=AuthIT}. Logs stay in {@code itests/target/e2e-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class AuthIT {

    static final String KEY_PREFIX = "6c65617365686f6c642d6b65792d";
    private Path work;
    private TestNetwork net;
    private LeaseholdServer server;

    @BeforeAll
    void startServer() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        assumeTrue(Exec.installed("ip"), "iproute2 is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is needed");
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-auth-");
        for (String r : List.of("auth_client.py", "txoff.py", "auth-dhcpd.conf", "org.leasehold.core.cfg")) {
            try (InputStream in = AuthIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        net = TestNetwork.create(work.resolve("txoff.py"));
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.copy(work.resolve("auth-dhcpd.conf"), server.home().resolve("etc/dhcpd.conf"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(work.resolve("org.leasehold.core.cfg"), server.home().resolve("etc/org.leasehold.core.cfg"),
                StandardCopyOption.REPLACE_EXISTING);
        StringBuilder keys = new StringBuilder("# one key per scripted client\n");
        for (int i = 0; i < 16; i++) {
            keys.append("mac ").append(mac(i)).append(' ').append(100 + i).append(" hex:").append(key(i)).append('\n');
        }
        server.writeFile("etc/dhcpkey.conf", keys.toString());
        server.writeFile("etc/org.leasehold.auth.cfg", "level = 2\nreconfigTimeoutMillis = 1500\n");
        server.start(67);
        assertThat(server.console("feature:install leasehold-auth").exitCode()).isZero();
        org.awaitility.Awaitility.await("dhcp:auth-level").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> server.console("dhcp:auth-level").output().contains("authentication level 2"));
        TestNetwork.exec(net.client(), "ip", "addr", "replace", "198.18.0.60/16", "dev", "cli0");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    static String mac(int i) {
        return String.format(Locale.ROOT, "02:00:00:00:15:%02x", i);
    }

    static String key(int i) {
        return KEY_PREFIX + String.format(Locale.ROOT, "%02x", i);
    }

    /** Every level × {no option, invalid option, valid option}, exactly as the spec's lists say. */
    @Test
    @Order(1)
    void everyRowOfTheLevelTables() throws Exception {
        int client = 0;
        for (int level = 0; level <= 2; level++) {
            assertThat(server.console("dhcp:auth-level " + level).output()).contains("authentication level " + level);
            for (String kind : List.of("none", "invalid", "valid")) {
                List<String> out = client(client++, "dora", "--auth", kind);
                String row = "level " + level + ", " + kind + ": " + out + "\n" + server.log();
                if (level == 1 && !kind.equals("valid")) {
                    assertThat(out).as(row).containsExactly("NOREPLY DISCOVER");
                    continue;
                }
                boolean authenticated = level != 0 && kind.equals("valid");
                String auth = authenticated ? "auth=valid" : "auth=none";
                String pool = authenticated ? "yiaddr=198.18.2." : "yiaddr=198.18.1.";
                assertThat(out).as(row).hasSize(2);
                assertThat(out.get(0)).as(row).startsWith("OFFER " + auth + " " + pool);
                assertThat(out.get(1)).as(row).startsWith("ACK " + auth + " " + pool);
            }
        }
    }

    @Test
    @Order(2)
    void aReplayedRequestIsDroppedAtLevelsOneAndTwo() throws Exception {
        for (int level = 1; level <= 2; level++) {
            server.console("dhcp:auth-level " + level);
            int c = 9 + level;
            List<String> dora = client(c, "dora", "--auth", "valid");
            assertThat(dora).hasSize(2);
            String address = dora.get(1).replaceAll(".*yiaddr=(\\S+).*", "$1");
            List<String> out = client(c, "replay", "--address", address);
            assertThat(out).as("level %d: %s", level, out).hasSize(2);
            assertThat(out.get(0)).startsWith("ACK auth=valid yiaddr=" + address);
            assertThat(out.get(1)).isEqualTo("NOREPLY REPLAYED");
        }
        String status = server.console("dhcp:status").output();
        assertThat(status).contains("auth.rejected.replay", "auth.rejected.no-auth", "auth.rejected.mac",
                "auth.invalid.mac", "auth.replies.signed", "auth.level");
        assertThat(line(status, "auth.rejected.replay")).endsWith(" 2");
        assertThat(line(status, "auth.rejected.no-auth")).endsWith(" 1");
    }

    @Test
    @Order(9)
    void withoutDhcpkeyConfTheServerStartsLogsAnErrorAndAuthenticatesNobody() throws Exception {
        server.close();
        Files.delete(server.home().resolve("etc/dhcpkey.conf"));
        server.start(67);
        String status = server.console("dhcp:status").output();
        assertThat(line(status, "auth.keys")).contains(" 0 from ");
        assertThat(server.log()).contains("dhcpkey.conf: not found");
        server.console("dhcp:auth-level 2");
        List<String> out = client(14, "dora", "--auth", "valid");
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).startsWith("ACK auth=none yiaddr=198.18.1.");
    }

    private static String line(String status, String key) {
        return status.lines().filter(l -> l.strip().startsWith(key)).findFirst().orElse("(no " + key + ")").strip();
    }

    private List<String> client(int i, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(Exec.inNs(net.client(), "/usr/bin/python3",
                work.resolve("auth_client.py").toString(), "--iface", "cli0", "--mac", mac(i), "--key", key(i),
                "--keyid", Integer.toString(100 + i)));
        cmd.addAll(List.of(args));
        Exec.Result r = Exec.run(Duration.ofSeconds(60), null, cmd);
        assertThat(r.exitCode()).as("auth_client %s:%n%s", List.of(args), r.output()).isZero();
        return r.output().lines().filter(l -> !l.isBlank()).toList();
    }
}
