package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leasehold.testing.ManagerClient.Reply;

/**
 * The Server Manager interface against a real failover pair: two Leasehold distributions in their own
 * namespaces, {@code leasehold-failover} and {@code leasehold-manager} installed on both from the
 * console, the manager configured on the primary only, with a shared secret and a PKCS12 keystore that
 * {@code keytool -genkeypair} makes for this run. The test client (in the primary's namespace, where
 * the manager listens on 127.0.0.1) asks for TLS and trusts only that certificate. With both servers
 * NORMAL: {@code update} and {@code update all=yes} are answered by the secondary (the UPDREQ, UPDREQALL
 * and UPDDONE counters of both servers move, the secondary sends its bindings again); {@code
 * partnerdown} leaves a connected NORMAL pair where it is. With the secondary killed: {@code update}
 * is refused, {@code partnerdown} moves the primary from COMMUNICATIONS-INTERRUPTED to PARTNER-DOWN.
 * With {@code tlsRequired=true} a manager asking for no TLS is refused, and a wrong secret over TLS too.
 *
 * <p>Root only; needs perfdhcp, tshark, iproute2. Run:
 * {@code mvn -B verify -pl itests -Dit.test=ManagerPairIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerPairIT {

    static final String PRIMARY_IP = "198.18.0.1";
    static final String SECONDARY_IP = "198.18.0.3";
    static final String GENERATOR_IP = "198.18.0.2";
    static final String PEER = "harness-fo";
    static final int PORT = 34464;
    static final String FIRST = "198.18.2.1";
    static final String LAST = "198.18.2.200";

    private final String secret = random();
    private final String storePassword = random();
    private PairWire.PairLan lan;
    private LeaseholdServer primary;
    private LeaseholdServer secondary;
    private Path keystore;
    private Path certificate;

    @BeforeAll
    void network() throws Exception {
        lan = PairWire.lan("e2e-manager-", SECONDARY_IP, GENERATOR_IP);
        keystore = lan.work().resolve("manager.p12");
        certificate = lan.work().resolve("manager.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Exec.run(Duration.ofSeconds(60), keytool, "-genkeypair", "-alias", "manager", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype",
                "PKCS12", "-keystore", keystore.toString(), "-storepass", storePassword, "-keypass", storePassword).check();
        Exec.run(Duration.ofSeconds(60), keytool, "-exportcert", "-rfc", "-alias", "manager", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", storePassword, "-file", certificate.toString()).check();
    }

    @AfterAll
    void stop() throws Exception {
        PairWire.close(lan, primary, secondary);
    }

    private static String random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String managerCfg(boolean tlsRequired) {
        return "secret = " + secret + "\nkeystore = " + keystore.toAbsolutePath() + "\nkeystorePassword = "
                + storePassword + "\nkeystoreType = PKCS12\ntlsRequired = " + tlsRequired + "\n";
    }

    @Test
    void updateAndPartnerDownOverTlsAgainstAConnectedThenAKilledPartner() throws Exception {
        primary = PairWire.server(lan, "primary", lan.net().server(), true, PRIMARY_IP, SECONDARY_IP, FIRST, LAST);
        secondary = PairWire.server(lan, "secondary", lan.secondaryNs(), false, SECONDARY_IP, PRIMARY_IP, FIRST, LAST);
        primary.writeFile("etc/org.leasehold.manager.cfg", managerCfg(false));
        primary.start(67);
        secondary.start(67);
        for (LeaseholdServer s : new LeaseholdServer[] {primary, secondary}) {
            s.installFeatures("leasehold-failover", "leasehold-manager");
        }
        awaitNormal();
        Awaitility.await("manager listening on the primary").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> listening(lan.net().server()));
        assertThat(listening(lan.secondaryNs())).as("installed without configuration, the secondary's manager is silent")
                .isFalse();

        PairWire.perfdhcp(lan.net().client(), "cli0", "00:00:00:00:00:00", 20, 30, 4, lan.work().resolve("perfdhcp.txt"));
        Map<String, String> given = PairWire.bindings(primary, "active");
        assertThat(given).as("clients the pair leased").isNotEmpty();

        statusOverTlsAndPlainWhileTlsIsOffered();
        updateIsAnsweredByThePartner();
        updateAllBringsEveryBindingOfThePartnerAgain(given);
        partnerDownLeavesAConnectedNormalPairAlone();
        partnerDownAfterThePartnerIsKilled();
        tlsRequiredRefusesPlainManagersAndTheWrongSecret();
    }

    private void statusOverTlsAndPlainWhileTlsIsOffered() throws Exception {
        ManagerSession.Result s = session(true, secret, "status");
        assertThat(s.negotiated()).as(s.output()).isEqualTo("S");
        assertThat(s.tls()).isTrue();
        assertThat(s.hello()).startsWith("HELLO leasehold-manager/1 nonce=").endsWith("tls=yes");
        assertThat(s.reply(0).status()).isEqualTo("OK authenticated");
        Map<String, String> status = s.reply(1).fields();
        assertThat(status).containsEntry("failover." + PEER + ".state", "normal")
                .containsEntry("failover." + PEER + ".partner-state", "normal")
                .containsEntry("failover." + PEER + ".connected", "true")
                .containsEntry("manager.listen", "127.0.0.1:" + PORT + " (TLS offered)");

        ManagerSession.Result plain = session(false, secret, "status");
        assertThat(plain.negotiated()).as(plain.output()).isEqualTo("N");
        assertThat(plain.tls()).isFalse();
        assertThat(plain.reply(1).fields()).containsEntry("failover." + PEER + ".state", "normal");
    }

    private void updateIsAnsweredByThePartner() throws Exception {
        Map<String, String> p = failover(primary);
        Map<String, String> s = failover(secondary);
        Reply update = session(true, secret, "update").reply(1);
        assertThat(update.status()).isEqualTo("OK");
        assertThat(update.fields().get("result")).matches("failover peer " + PEER
                + ": update request sent, \\d+ binding update\\(s\\) of ours queued for the partner");
        awaitCount(primary, "update-requests-sent", p, 1);
        awaitCount(primary, "update-done-received", p, 1);
        Map<String, String> after = awaitCount(secondary, "update-requests-received", s, 1);
        assertThat(count(after, "update-done-sent") - count(s, "update-done-sent")).as("the secondary's UPDDONE")
                .isEqualTo(1);
        assertThat(count(failover(primary), "update-requests-all-sent")).isEqualTo(count(p, "update-requests-all-sent"));
    }

    private void updateAllBringsEveryBindingOfThePartnerAgain(Map<String, String> given) throws Exception {
        Map<String, String> p = failover(primary);
        Map<String, String> s = failover(secondary);
        Map<String, String> held = PairWire.bindings(secondary, "active");
        int backup = PairWire.addresses(secondary, "backup").size();
        assertThat(held).as("the primary's bindings are on the secondary").containsAllEntriesOf(given);

        Reply update = session(true, secret, "update all=yes").reply(1);
        assertThat(update.status()).isEqualTo("OK");
        assertThat(update.fields().get("result")).startsWith("failover peer " + PEER + ": update request all sent, ");
        awaitCount(primary, "update-requests-all-sent", p, 1);
        Map<String, String> pAfter = awaitCount(primary, "update-done-received", p, 1);
        Map<String, String> sAfter = failover(secondary);
        long received = count(pAfter, "updates-received") - count(p, "updates-received");
        long sent = count(sAfter, "updates-sent") - count(s, "updates-sent");
        assertThat(received).as("every active and backup binding of the secondary sent again")
                .isGreaterThanOrEqualTo(held.size() + backup).isEqualTo(sent);
        assertThat(count(sAfter, "update-requests-received") - count(s, "update-requests-received")).isEqualTo(1);
        assertThat(session(true, secret, "status").reply(1).fields()).as("the manager's status carries the counters")
                .containsEntry("failover." + PEER + ".update-requests-all-sent", pAfter.get("update-requests-all-sent"))
                .containsEntry("failover." + PEER + ".update-done-received", pAfter.get("update-done-received"));
        assertThat(PairWire.bindings(primary, "active")).as("the primary still holds what it gave")
                .containsAllEntriesOf(given);
    }

    private void partnerDownLeavesAConnectedNormalPairAlone() throws Exception {
        ManagerSession.Result s = session(true, secret, "partnerdown", "status");
        assertThat(s.reply(1).status()).as(s.output()).isEqualTo("OK");
        assertThat(s.reply(1).fields()).containsEntry("result", "failover peer " + PEER
                + ": not moved (already partner-down, or the partner is connected and normal)");
        assertThat(s.reply(2).fields()).containsEntry("failover." + PEER + ".state", "normal");
        assertThat(PairWire.states(primary, PEER, "normal", "normal")).isTrue();
        assertThat(PairWire.states(secondary, PEER, "normal", "normal")).isTrue();
    }

    private void partnerDownAfterThePartnerIsKilled() throws Exception {
        secondary.kill();
        Awaitility.await("primary communications-interrupted").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> PairWire.states(primary, PEER, "communications-interrupted", null));
        ManagerSession.Result s = session(true, secret, "update", "partnerdown", "status", "update all=yes",
                "partnerdown");
        assertThat(s.reply(1).status()).as(s.output())
                .isEqualTo("ERR refused the partner is not connected (state communications-interrupted)");
        assertThat(s.reply(2).fields()).containsEntry("result", "failover peer " + PEER
                + ": partner-down (the partner's free addresses are served after MCLT, 300 s)");
        assertThat(s.reply(3).fields()).containsEntry("failover." + PEER + ".state", "partner-down")
                .containsEntry("failover." + PEER + ".connected", "false");
        assertThat(s.reply(4).status()).isEqualTo("ERR refused the partner is not connected (state partner-down)");
        assertThat(s.reply(5).fields().get("result")).contains("not moved");
        assertThat(PairWire.states(primary, PEER, "partner-down", null)).as(failover(primary).toString()).isTrue();
    }

    private void tlsRequiredRefusesPlainManagersAndTheWrongSecret() throws Exception {
        primary.writeFile("etc/org.leasehold.manager.cfg", managerCfg(true));
        Awaitility.await("a manager asking for no TLS refused").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> "R".equals(session(false, secret, "status").negotiated()));
        ManagerSession.Result plain = session(false, secret, "status");
        assertThat(plain.negotiated()).isEqualTo("R");
        assertThat(plain.hello()).isNull();
        assertThat(plain.closed()).as("closed after the refusal").isTrue();

        ManagerSession.Result wrong = session(true, "not-" + secret, "status");
        assertThat(wrong.tls()).isTrue();
        assertThat(wrong.reply(0).status()).isEqualTo("ERR auth-failed wrong shared secret");
        assertThat(wrong.replies()).as("no command went through").hasSize(1);
        assertThat(wrong.closed()).isTrue();

        Map<String, String> status = session(true, secret, "status").reply(1).fields();
        assertThat(status).containsEntry("manager.listen", "127.0.0.1:" + PORT + " (TLS required)")
                .containsEntry("manager.auth-failures", "1")
                .containsEntry("failover." + PEER + ".state", "partner-down");
    }

    private ManagerSession.Result session(boolean tls, String withSecret, String... commands) throws Exception {
        return ManagerSession.run(lan.net().server(), PORT, tls, certificate, withSecret, commands);
    }

    private static boolean listening(String ns) throws Exception {
        return Exec.run(Duration.ofSeconds(10), null, Exec.inNs(ns, "ss", "-Hltn", "sport = :" + PORT)).output()
                .contains(":" + PORT);
    }

    /** The relationship's lines of {@code dhcp:failover-status}, without the {@code harness-fo.} prefix. */
    private static Map<String, String> failover(LeaseholdServer s) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : s.console("dhcp:failover-status").output().split("\n")) {
            String[] f = line.trim().split("\\s+", 2);
            if (f.length == 2 && f[0].startsWith(PEER + ".")) {
                m.put(f[0].substring(PEER.length() + 1), f[1].trim());
            }
        }
        return m;
    }

    private static long count(Map<String, String> status, String key) {
        String v = status.get(key);
        if (v == null || !v.matches("\\d+")) {
            throw new AssertionError("no counter " + key + " in " + status);
        }
        return Long.parseLong(v);
    }

    /** Waits until counter {@code key} of {@code s} is {@code by} more than in {@code before}; its status then. */
    private static Map<String, String> awaitCount(LeaseholdServer s, String key, Map<String, String> before, long by) {
        long want = count(before, key) + by;
        return Awaitility.await(key + " = " + want).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> failover(s), now -> now.containsKey(key) && count(now, key) == want);
    }

    private void awaitNormal() {
        Awaitility.await("both servers normal").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> PairWire.states(primary, PEER, "normal", "normal")
                        && PairWire.states(secondary, PEER, "normal", "normal"));
    }
}
