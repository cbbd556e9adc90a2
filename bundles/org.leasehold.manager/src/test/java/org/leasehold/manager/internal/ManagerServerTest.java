package org.leasehold.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.testing.Configs;
import org.leasehold.testing.ManagerClient;
import org.leasehold.testing.ManagerClient.Reply;

/**
 * The interface over real loopback TCP (and TLS) against the protocol client of the tests, with
 * stand-ins for the core's services.
 */
class ManagerServerTest {

    private static final String SECRET = "correct horse battery staple";
    private static final String KEY_PASSWORD = "keystore-pw";

    @TempDir
    static Path dir;
    static Path keystore;
    static SSLContext trust;

    private final List<ManagerServer> servers = new ArrayList<>();
    private final TestServices.MemoryStore store = new TestServices.MemoryStore();
    private final TestServices.Config config = new TestServices.Config();

    /** A self-signed key made by the JDK's keytool, trusted by the client. */
    @BeforeAll
    static void keystore() throws Exception {
        keystore = dir.resolve("manager.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "manager", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", KEY_PASSWORD,
                "-keypass", KEY_PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, KEY_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = SSLContext.getInstance("TLS");
        trust.init(null, tmf.getTrustManagers(), null);
    }

    @AfterEach
    void stop() throws IOException {
        for (ManagerServer s : servers) {
            s.deactivate();
        }
    }

    private ManagerServer start(Map<String, Object> extra) throws IOException {
        Map<String, Object> settings = new HashMap<>(Map.of("port", 0, "secret", SECRET));
        settings.putAll(extra);
        ManagerServer s = new ManagerServer(config, store, TestServices.info("/etc/dhcpd.conf"),
                Configs.of(ManagerSettings.class, settings));
        servers.add(s);
        return s;
    }

    private static InetSocketAddress at(ManagerServer s) {
        return new InetSocketAddress("127.0.0.1", s.port());
    }

    private static ManagerClient login(ManagerServer s) throws IOException {
        ManagerClient c = ManagerClient.connect(at(s), false, null);
        assertThat(c.auth(SECRET).ok()).isTrue();
        return c;
    }

    @Test
    void plainConnectionServesEveryCommand() throws Exception {
        ManagerServer server = start(Map.of());
        for (int i = 1; i <= 5; i++) {
            store.put(TestServices.lease(i, i == 5 ? LeaseState.RELEASED : LeaseState.ACTIVE));
        }
        TestServices.Failover failover = new TestServices.Failover();
        try (ManagerClient c = ManagerClient.connect(at(server), false, null)) {
            assertThat(c.negotiated()).isEqualTo('N');
            assertThat(c.hello()).matches("HELLO leasehold-manager/1 nonce=[0-9a-f]{64} tls=no\n");
            assertThat(c.auth(SECRET).status()).isEqualTo("OK authenticated");

            Reply status = c.call("status");
            assertThat(status.ok()).isTrue();
            assertThat(status.fields()).containsEntry("listen", "0.0.0.0 port 67 (clients 68)");

            Reply byIp = c.call("query ip=198.18.0.3");
            assertThat(byIp.status()).isEqualTo("OK");
            assertThat(byIp.lines()).singleElement().asString().startsWith("ip=198.18.0.3 state=active mac=02:00:00:00:00:03")
                    .contains("hostname=host%203%20of").contains("var.ddns-fwd-name=h3.example.org");
            assertThat(c.call("query mac=02-00-00-00-00-04").lines().get(0)).startsWith("ip=198.18.0.4 ");
            assertThat(c.call("query client-id=01:02:00:00:00:00:05").lines().get(0)).startsWith("ip=198.18.0.5 state=released");
            assertThat(c.call("query ip=198.18.0.99").code()).isEqualTo("not-found");
            assertThat(c.call("query ip=198.18.0.1 mac=02:00:00:00:00:01").code()).isEqualTo("bad-request");
            assertThat(c.call("query ip=not.an.address").status()).isEqualTo("ERR bad-request not an IPv4 address: 'not.an.address'");

            List<String> active = new ArrayList<>();
            Reply done = c.fetch("state=active ip=198.18.0.0/24", active::add, n -> { });
            assertThat(done.status()).isEqualTo("OK count=4");
            assertThat(active).hasSize(4).allMatch(l -> l.contains(" state=active "));
            assertThat(c.fetch("state=bogus", l -> { }, n -> { }).status()).isEqualTo("ERR bad-request unknown lease state 'bogus'");
            assertThat(c.fetch("limit=2", l -> { }, n -> { }).status()).isEqualTo("OK count=2");

            Reply good = c.call("reconfigure", "subnet 198.51.100.0 netmask 255.255.255.0 { }\n");
            assertThat(good.status()).isEqualTo("OK in force");
            assertThat(config.text).contains("198.51.100.0");
            Reply bad = c.call("reconfigure", "subnet 198.51.100.0 netmask 255.255.255.0 {\n  bogus yes;\n}\n");
            assertThat(bad.code()).isEqualTo("config-refused");
            assertThat(bad.lines()).containsExactly("/etc/dhcpd.conf:2:3: unknown statement 'bogus'");
            assertThat(config.text).as("the configuration in force stays").doesNotContain("bogus");
            assertThat(c.call("reconfigure").ok()).as("no body: the placed file is re-read").isTrue();
            assertThat(config.reloads).isEqualTo(1);

            assertThat(c.call("partnerdown").code()).isEqualTo("unavailable");
            server.bindFailover(failover);
            assertThat(c.call("partnerdown").fields()).containsEntry("result", "pair: partner-down");
            assertThat(c.call("partnerdown peer=pair").fields()).containsEntry("result", "pair: not moved");
            assertThat(c.call("partnerdown peer=other").code()).isEqualTo("not-found");
            assertThat(c.call("update peer=pair all=yes").status()).isEqualTo("ERR refused the partner is not connected");
            assertThat(c.call("update all=maybe").code()).isEqualTo("bad-request");
            server.unbindFailover(failover);
            assertThat(c.call("update").code()).isEqualTo("unavailable");

            assertThat(c.call("frobnicate").code()).isEqualTo("unknown-command");
            assertThat(c.call("status verbose=1").code()).isEqualTo("bad-request");
            assertThat(c.call("quit").status()).isEqualTo("OK bye");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(server.status()).containsEntry("authenticated", "1").containsEntry("protocol-errors", "0");
    }

    @Test
    void wrongSecretAndAnonymousCommandsAreRefused() throws Exception {
        ManagerServer server = start(Map.of());
        try (ManagerClient c = ManagerClient.connect(at(server), false, null)) {
            assertThat(c.auth("guess").status()).isEqualTo("ERR auth-failed wrong shared secret");
            assertThat(c.closedByServer()).isTrue();
        }
        try (ManagerClient c = ManagerClient.connect(at(server), false, null)) {
            assertThat(c.call("reconfigure", "subnet 198.51.100.0 netmask 255.255.255.0 { }\n").code())
                    .isEqualTo("auth-required");
            assertThat(c.closedByServer()).isTrue();
        }
        try (ManagerClient c = ManagerClient.connect(at(server), false, null)) {
            assertThat(c.call("auth hmac=zz").code()).isEqualTo("auth-failed");
        }
        assertThat(config.text).doesNotContain("198.51.100.0");
        assertThat(server.status()).containsEntry("auth-failures", "2");
        try (ManagerClient c = login(server)) {
            assertThat(c.call("status").ok()).isTrue();
        }
    }

    @Test
    void noSecretNoInterface() {
        assertThatThrownBy(() -> start(Map.of("secret", ""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("org.leasehold.manager: set secret or secretFile");
    }

    @Test
    void secretFromAFile() throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, SECRET + "\n");
        ManagerServer server = start(Map.of("secret", "", "secretFile", file.toString()));
        try (ManagerClient c = login(server)) {
            assertThat(c.call("status").ok()).isTrue();
        }
    }

    @Test
    void tlsWhenAskedAndOffered() throws Exception {
        ManagerServer server = start(Map.of("keystore", keystore.toString(), "keystorePassword", KEY_PASSWORD));
        try (ManagerClient c = ManagerClient.connect(at(server), true, trust)) {
            assertThat(c.negotiated()).isEqualTo('S');
            assertThat(c.overTls()).isTrue();
            assertThat(c.hello()).endsWith(" tls=yes\n");
            assertThat(c.auth(SECRET).ok()).isTrue();
            assertThat(c.call("status").fields()).containsKey("listen");
        }
        try (ManagerClient c = ManagerClient.connect(at(server), false, null)) {
            assertThat(c.negotiated()).as("TLS offered, not required: plain is answered plain").isEqualTo('N');
            assertThat(c.auth(SECRET).ok()).isTrue();
        }
    }

    @Test
    void noKeystoreAnswersNoSsl() throws Exception {
        ManagerServer server = start(Map.of());
        try (ManagerClient c = ManagerClient.connect(at(server), true, trust)) {
            assertThat(c.negotiated()).isEqualTo('N');
            assertThat(c.overTls()).isFalse();
            assertThat(c.auth(SECRET).ok()).isTrue();
        }
    }

    @Test
    void tlsRequiredRefusesPlain() throws Exception {
        ManagerServer server = start(Map.of("keystore", keystore.toString(), "keystorePassword", KEY_PASSWORD,
                "tlsRequired", true));
        try (ManagerClient c = ManagerClient.connect(at(server), false, null)) {
            assertThat(c.negotiated()).isEqualTo('R');
            assertThat(c.closedByServer()).isTrue();
        }
        try (ManagerClient c = ManagerClient.connect(at(server), true, trust)) {
            assertThat(c.auth(SECRET).ok()).isTrue();
        }
        assertThatThrownBy(() -> start(Map.of("tlsRequired", true))).hasMessageContaining("tlsRequired needs a keystore");
    }

    @Test
    void hostileBytesCloseThatConnectionOnly() throws Exception {
        ManagerServer server = start(Map.of("maxFrameBytes", 1024));
        try (ManagerClient keep = login(server)) {
            List<byte[]> hostile = List.of(
                    new byte[] {'X'},                                            // neither 'S' nor 'N'
                    new byte[] {'N', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // 2 GiB frame
                    new byte[] {'N', 0, 0, 0, 0},                                // empty frame
                    new byte[] {'N', 0, 0, 0, 2, (byte) 0xc3, 0x28},             // not UTF-8
                    new byte[] {'N', 0, 0, 0, 3, 0, 1, 2},                       // not a command word
                    new byte[] {'N', 0, 0, 0, 9, 's', 't'},                      // ends inside a frame
                    new byte[] {'N', 0, 0, 0, 11, 's', 't', 'a', 't', 'u', 's', ' ', 'a', '=', '%', 'G'});
            for (byte[] bytes : hostile) {
                try (ManagerClient c = ManagerClient.raw(at(server))) {
                    c.sendRaw(bytes);
                    if (bytes.length == 7 && bytes[4] == 9) {
                        c.endOutput();
                    }
                    assertThat(c.closedByServer()).as("closed after %s", java.util.Arrays.toString(bytes)).isTrue();
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(server.status()).containsEntry("protocol-errors", "7"));
            assertThat(keep.call("status").ok()).as("other connections go on").isTrue();
        }
        try (ManagerClient c = login(server)) {
            assertThat(c.call("status").ok()).as("and the server takes new ones").isTrue();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        ManagerServer server = start(Map.of("maxConnections", 1));
        try (ManagerClient first = login(server); ManagerClient second = ManagerClient.raw(at(server))) {
            assertThat(second.closedByServer()).isTrue();
            assertThat(first.call("status").ok()).isTrue();
        }
        assertThat(server.status()).containsEntry("refused-busy", "1");
    }

    /**
     * 100,000 leases streamed: the store makes each lease as the walk reaches it, so a server that
     * gathered the list first would have made them all before sending the first page. With the
     * manager's receive buffer small, once it has read one page the walk has gone no further than
     * what the socket buffers hold (a few MB of the ~17 MB fetch).
     */
    @Test
    void fetchStreamsAHundredThousandLeasesPageByPage() throws Exception {
        TestServices.GeneratedStore big = new TestServices.GeneratedStore(100_000);
        ManagerServer server = new ManagerServer(config, big, TestServices.info("x"),
                Configs.of(ManagerSettings.class, Map.of("port", 0, "secret", SECRET)));
        servers.add(server);
        try (ManagerClient c = ManagerClient.connect(at(server), false, null)) {
            assertThat(c.auth(SECRET).ok()).isTrue();
            c.send("fetch");
            Reply first = c.reply();
            int madeAtFirstPage = big.made.get();
            assertThat(first.status()).isEqualTo("LEASES 500");
            Set<String> ips = new HashSet<>();
            first.lines().forEach(l -> ips.add(l.substring(0, l.indexOf(' '))));
            long bytes = first.lines().stream().mapToLong(String::length).sum();
            int frames = 1;
            Reply r;
            while ((r = c.reply()).status().startsWith("LEASES ")) {
                assertThat(r.lines()).hasSizeLessThanOrEqualTo(500);
                r.lines().forEach(l -> ips.add(l.substring(0, l.indexOf(' '))));
                bytes += r.lines().stream().mapToLong(String::length).sum();
                frames++;
            }
            assertThat(r.status()).isEqualTo("OK count=100000");
            assertThat(ips).hasSize(100_000);
            assertThat(frames).isEqualTo(200);
            assertThat(bytes).isGreaterThan(15_000_000L);
            assertThat(madeAtFirstPage).as("leases made when the first page arrived").isLessThan(100_000);
            List<String> expired = new ArrayList<>();
            assertThat(c.fetch("state=expired", expired::add, n -> { }).status()).isEqualTo("OK count=10000");
        }
    }
}
