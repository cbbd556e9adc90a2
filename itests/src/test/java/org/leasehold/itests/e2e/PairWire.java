package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the failover pair tests read from the wire and from the servers: perfdhcp runs, every DHCPACK
 * of a capture (failing on an address ACKed to two clients), the bindings a server holds, and a
 * relationship's state from {@code dhcp:failover-status}.
 */
final class PairWire {

    private PairWire() {
    }

    /** The LAN of a pair test: the primary in the network's server namespace, the secondary in {@code secondaryNs}. */
    record PairLan(Path work, TestNetwork net, String secondaryNs) {
    }

    /**
     * A fresh test network with a second server namespace ({@code srv0 = secondaryIp}) and the generator's
     * address on the client namespace's {@code cli0}; skipped (assumption) without root or the tools.
     */
    static PairLan lan(String prefix, String secondaryIp, String generatorIp) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "perfdhcp", "tshark", "dumpcap")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        Path work = TestNetwork.workDir(prefix);
        TestNetwork net = TestNetwork.create(work.resolve("txoff.py"));
        String secondaryNs = net.addServer(work.resolve("txoff.py"), "srv2", secondaryIp);
        TestNetwork.exec(net.client(), "ip", "addr", "add", generatorIp + "/16", "dev", "cli0");
        return new PairLan(work, net, secondaryNs);
    }

    /**
     * A server of a pair on {@code lan}, unpacked into {@code name} of its work folder: the core on
     * {@code srv0} and loopback, and the dhcpd.conf of {@link FailoverPairConf} (MCLT 300 s,
     * max-response-delay 3 s) with the pool {@code first}..{@code last}. Not started.
     */
    static LeaseholdServer server(PairLan lan, String name, String ns, boolean primary, String me, String peer,
            String first, String last) throws Exception {
        LeaseholdServer s = LeaseholdServer.unpack(lan.work().resolve(name), ns);
        s.writeFile("etc/org.leasehold.core.cfg", FailoverPairConf.CORE_CFG);
        s.writeFile("etc/dhcpd.conf", FailoverPairConf.of(primary, me, peer, false, 300, 3, first, last));
        return s;
    }

    /** Stops the servers (those not null) with SIGTERM, then removes the network with what still runs in it. */
    static void close(PairLan lan, LeaseholdServer... servers) throws Exception {
        for (LeaseholdServer s : servers) {
            if (s != null) {
                s.close();
            }
        }
        if (lan != null) {
            lan.net().close();
        }
    }

    /**
     * {@code seconds} of DORA at {@code rate}/s for up to {@code clients} clients from MAC base
     * {@code mac}, broadcast on {@code ifname} of {@code ns}; perfdhcp's report goes to {@code report}.
     */
    static void perfdhcp(String ns, String ifname, String mac, int rate, int clients, int seconds, Path report)
            throws Exception {
        Exec.Result r = Exec.run(Duration.ofSeconds(seconds + 60L), null, Exec.inNs(ns, "perfdhcp", "-4", "-l", ifname,
                "-r", Integer.toString(rate), "-R", Integer.toString(clients), "-p", Integer.toString(seconds), "-b",
                "mac=" + mac, "-g", "single", "-W", "2000000"));
        Files.writeString(report, r.output());
    }

    /** Every DHCPACK in the capture: address to client, failing on an address given to two clients. */
    static void collectAcks(Path pcap, Map<String, String> acks, Set<String> servers) throws Exception {
        Exec.Result r = Exec.run(Duration.ofSeconds(60), "tshark", "-n", "-r", pcap.toString(), "-Y",
                "dhcp.option.dhcp == 5", "-T", "fields", "-e", "ip.src", "-e", "dhcp.ip.your", "-e", "dhcp.hw.mac_addr");
        for (String line : r.check().output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || !f[0].matches("[0-9.]+")) {
                continue;
            }
            servers.add(f[0]);
            String before = acks.putIfAbsent(f[1], f[2]);
            assertThat(before == null || before.equals(f[2])).as(f[1] + " ACKed to " + before + " and " + f[2]).isTrue();
        }
    }

    /** The bindings in {@code states} (e.g. {@code active}) a server holds: address to hardware address. */
    static Map<String, String> bindings(LeaseholdServer s, String states) throws Exception {
        String leases = s.console("dhcp:lease-list --state " + states + " --limit 100000 --dhcpd").output();
        Map<String, String> known = new HashMap<>();
        Matcher m = Pattern.compile("lease (\\S+) \\{[^}]*?hardware ethernet ([0-9a-f:]+);").matcher(leases);
        while (m.find()) {
            known.put(m.group(1), m.group(2));
        }
        return known;
    }

    /** The addresses a server holds in {@code state} (e.g. {@code backup}). */
    static Set<String> addresses(LeaseholdServer s, String state) throws Exception {
        String leases = s.console("dhcp:lease-list --state " + state + " --limit 100000 --dhcpd").output();
        Matcher m = Pattern.compile("lease (\\S+) \\{").matcher(leases);
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Whether relationship {@code peer} on {@code s} is in {@code state} and its partner in {@code partner}. */
    static boolean states(LeaseholdServer s, String peer, String state, String partner) throws Exception {
        String out = s.console("dhcp:failover-status").output();
        return out.matches("(?s).*" + Pattern.quote(peer) + "\\.state\\s+" + state + "\\b.*")
                && (partner == null || out.matches("(?s).*" + Pattern.quote(peer) + "\\.partner-state\\s+" + partner
                        + "\\b.*"));
    }
}
