package org.leasehold.itests.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test topology, built entirely inside network namespaces this run creates (unique names) and
 * removes again. Nothing is configured in the root namespace.
 * <pre>
 *   srv  [srv0 198.18.0.1/16]  --+
 *   cli  [cli0 no address]     --+-- lan: bridge br0
 *   rel  [rel1 198.18.0.254/16]--+      rel forwards and runs dhcrelay
 *   rel  [rel0 198.51.100.1/24] ------- cli2 [cli2 no address]
 * </pre>
 * Not thread-safe; one per test class.
 */
final class TestNetwork implements AutoCloseable {

    static final String SERVER_IP = "198.18.0.1";
    static final String RELAY_UP_IP = "198.18.0.254";
    static final String RELAY_DOWN_IP = "198.51.100.1";
    static final String LAN = "198.18.0.0/16";
    static final String RELAYED_LAN = "198.51.100.0/24";

    private static final Logger LOG = LoggerFactory.getLogger(TestNetwork.class);
    private static final Duration CMD = Duration.ofSeconds(20);

    private final String prefix;
    private final List<String> created = new ArrayList<>();

    private TestNetwork(String prefix) {
        this.prefix = prefix;
    }

    String lan() {
        return prefix + "-lan";
    }

    String server() {
        return prefix + "-srv";
    }

    String client() {
        return prefix + "-cli";
    }

    String relay() {
        return prefix + "-rel";
    }

    String relayedClient() {
        return prefix + "-cli2";
    }

    /**
     * A fresh work folder under the build folder ({@code leasehold.builddir}) with the checksum-offload
     * script {@link #create} needs, as {@code txoff.py}.
     */
    static Path workDir(String prefix) throws IOException {
        Path work = java.nio.file.Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")),
                prefix);
        try (java.io.InputStream in = TestNetwork.class.getResourceAsStream("/e2e/txoff.py")) {
            java.nio.file.Files.copy(in, work.resolve("txoff.py"));
        }
        return work;
    }

    /** Creates the namespaces, links and routes; {@code txoff} is the checksum-offload script. */
    static TestNetwork create(Path txoff) throws IOException, InterruptedException {
        byte[] id = new byte[3];
        new SecureRandom().nextBytes(id);
        TestNetwork net = new TestNetwork("lh" + HexFormat.of().formatHex(id));
        try {
            net.build(txoff);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void build(Path txoff) throws IOException, InterruptedException {
        for (String ns : List.of(lan(), server(), client(), relay(), relayedClient())) {
            ip("netns", "add", ns);
            created.add(ns);
            ip("-n", ns, "link", "set", "lo", "up");
            // /proc/sys directly: CI images need not have procps (sysctl)
            exec(ns, "sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6;"
                    + " echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6");
        }
        ip("-n", lan(), "link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0");
        ip("-n", lan(), "link", "set", "br0", "up");
        plug(txoff, server(), "srv0", "p-srv");
        plug(txoff, client(), "cli0", "p-cli");
        plug(txoff, relay(), "rel1", "p-rel");
        ip("-n", server(), "addr", "add", SERVER_IP + "/16", "dev", "srv0");
        ip("-n", relay(), "addr", "add", RELAY_UP_IP + "/16", "dev", "rel1");
        ip("link", "add", "rel0", "netns", relay(), "type", "veth", "peer", "name", "cli2", "netns", relayedClient());
        ip("-n", relay(), "addr", "add", RELAY_DOWN_IP + "/24", "dev", "rel0");
        ip("-n", relay(), "link", "set", "rel0", "up");
        ip("-n", relayedClient(), "link", "set", "cli2", "up");
        exec(relay(), "/usr/bin/python3", txoff.toString(), "rel0", "rel1");
        exec(relayedClient(), "/usr/bin/python3", txoff.toString(), "cli2");
        exec(relay(), "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
        ip("-n", server(), "route", "add", RELAYED_LAN, "via", RELAY_UP_IP, "dev", "srv0");
        ip("-n", relayedClient(), "route", "add", LAN, "via", RELAY_DOWN_IP, "dev", "cli2", "onlink");
        LOG.info("Test network {} up", prefix);
    }

    private void plug(Path txoff, String ns, String ifname, String port) throws IOException, InterruptedException {
        ip("link", "add", ifname, "netns", ns, "type", "veth", "peer", "name", port, "netns", lan());
        ip("-n", lan(), "link", "set", port, "master", "br0", "up");
        ip("-n", ns, "link", "set", ifname, "up");
        exec(ns, "/usr/bin/python3", txoff.toString(), ifname);
        exec(lan(), "/usr/bin/python3", txoff.toString(), port);
    }

    /**
     * One more server namespace on the LAN, {@code PREFIX-NAME} with {@code srv0 = ip/16} (a failover
     * partner, a second server); it is removed with the others.
     */
    String addServer(Path txoff, String name, String ip) throws IOException, InterruptedException {
        String ns = addNamespace(txoff, name, "srv0");
        ip("-n", ns, "addr", "add", ip + "/16", "dev", "srv0");
        return ns;
    }

    /**
     * Adds one more client namespace {@code PREFIX-SUFFIX} on the LAN bridge, its interface {@code ifname}
     * unaddressed; removed with the rest. Returns the namespace's name.
     */
    String addClient(Path txoff, String suffix, String ifname) throws IOException, InterruptedException {
        return addNamespace(txoff, suffix, ifname);
    }

    /** A namespace {@code PREFIX-SUFFIX} plugged into the LAN bridge by {@code ifname}, IPv6 off. */
    private String addNamespace(Path txoff, String suffix, String ifname) throws IOException, InterruptedException {
        String ns = prefix + "-" + suffix;
        ip("netns", "add", ns);
        created.add(ns);
        ip("-n", ns, "link", "set", "lo", "up");
        exec(ns, "sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6;"
                + " echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6");
        plug(txoff, ns, ifname, "p-" + suffix);
        return ns;
    }

    /** Sets the MAC address of a client interface (each client gets its own). */
    void setMac(String ns, String ifname, String mac) throws IOException, InterruptedException {
        ip("-n", ns, "link", "set", ifname, "address", mac);
    }

    static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Exec.run(CMD, null, cmd).check();
    }

    static Exec.Result exec(String ns, String... command) throws IOException, InterruptedException {
        return Exec.run(CMD, null, Exec.inNs(ns, command)).check();
    }

    /** Kills what still runs inside our namespaces (only this test's processes live there), then removes them. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (String ns : created) {
            for (String pid : Exec.run(CMD, "ip", "netns", "pids", ns).output().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    LOG.warn("Killing leftover process {} in {}", pid, ns);
                    Exec.run(CMD, "kill", "-KILL", pid);
                }
            }
        }
        for (String ns : created) {
            Exec.Result r = Exec.run(CMD, "ip", "netns", "del", ns);
            if (r.exitCode() != 0) {
                LOG.warn("Could not remove namespace {}: {}", ns, r.output());
            }
        }
        created.clear();
    }
}
