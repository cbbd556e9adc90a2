package org.leasehold.itests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ISC {@code on commit | release} blocks in the built distribution with a real ISC dhclient: the
 * commit's {@code set} shows in {@code dhcp:lease-show}, the {@code execute} program (a shell script
 * writing its arguments, enabled with {@code eventsExecute = true}) runs with the leased address, and
 * the release's {@code set} is in the released lease.
 *
 * <p>Runs as root only (namespaces, port 67) and is skipped otherwise; needs isc-dhcp-client and
 * iproute2. Namespaces {@code lhXXXXXX-*} on 198.18.0.0/16, created and removed here. Run:
 * {@code mvn -B verify -pl itests -Dit.test=EventsIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String MAC = "02:00:00:00:19:0a";

    private Path work;
    private Path marker;
    private TestNetwork net;
    private LeaseholdServer server;

    @BeforeAll
    void startServer() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end tests need root (namespaces, port 67)");
        for (String tool : List.of("ip", "dhclient")) {
            assumeTrue(Exec.installed(tool), tool + " is not installed");
        }
        work = Files.createTempDirectory(Path.of(System.getProperty("leasehold.builddir", "target")), "e2e-events-")
                .toAbsolutePath();
        for (String r : List.of("scenario.sh", "txoff.py")) {
            try (InputStream in = EventsIT.class.getResourceAsStream("/e2e/" + r)) {
                Files.copy(in, work.resolve(r));
            }
        }
        marker = work.resolve("commit-args");
        Path script = work.resolve("on-commit.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + marker + ".tmp && mv " + marker + ".tmp "
                + marker + "\necho event script ran\n");
        script.toFile().setExecutable(true);
        net = TestNetwork.create(work.resolve("txoff.py"));
        server = LeaseholdServer.unpack(work.resolve("dist"), net.server());
        Files.writeString(server.home().resolve("etc/dhcpd.conf"), """
                authoritative;
                default-lease-time 600;
                on commit { set where = "global"; }
                subnet 198.18.0.0 netmask 255.255.0.0 {
                  range 198.18.1.10 198.18.1.250;
                  on commit {
                    set clip = binary-to-ascii (10, 8, ".", leased-address);
                    switch (extract-int (substring (hardware, 1, 1), 8)) {
                      case 2: set kind = "local"; break;
                      default: set kind = "global";
                    }
                    log (info, concat ("e2e commit ", clip));
                    execute ("%s", "commit", clip, binary-to-ascii (16, 8, ":", substring (hardware, 1, 6)));
                  }
                  on release { set released-by = "client"; unset clip; }
                }
                """.formatted(script));
        Files.writeString(server.home().resolve("etc/org.leasehold.core.cfg"), """
                listen = 198.18.0.1, 127.0.0.1
                port = 67
                clientPort = 68
                configFile = etc/dhcpd.conf
                leaseDir = data/leasehold
                eventsExecute = true
                eventsExecuteTimeoutSeconds = 20
                """);
        server.start(67);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try (TestNetwork n = net; LeaseholdServer s = server) {
            // only closing: the server before its namespaces; one never started (null) is passed over
        }
    }

    @Test
    void dhclientsCommitSetsVariablesRunsTheProgramAndItsReleaseChangesThem() throws Exception {
        assertThat(server.console("dhcp:status").output()).contains("events.execute").contains("on (20 s limit");
        net.setMac(net.client(), "cli0", MAC);
        try (ClientRun run = ClientRun.start(net.client(), work.resolve("scenario.sh"), "dhclient", "cli0",
                work.resolve("dhclient"), 20)) {
            Optional<String> renew = run.awaitStep("renew", STEP);
            assertThat(renew).as("acquire:%n%s%n%s", run.transcript(), server.log()).isPresent();
            String ip = ClientRun.ipOf(renew.get()).orElseThrow();
            String shown = awaitShow(ip, "clip");
            assertThat(shown).contains("set clip", ip).contains("set kind", "local").doesNotContain("set where");
            Awaitility.await("execute ran").atMost(STEP).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.exists(marker));
            assertThat(Files.readAllLines(marker)).containsExactly("commit", ip, "2:0:0:0:19:a");
            Awaitility.await("program output and event log").atMost(STEP).pollInterval(Duration.ofMillis(500))
                    .until(() -> server.log().contains("event script ran") && server.log().contains("e2e commit " + ip));
            run.proceed();
            assertThat(run.awaitStep("release", STEP)).as("renew:%n%s", run.transcript()).isPresent();
            run.proceed();
            assertThat(run.finish(STEP)).as("scenario:%n%s", run.transcript()).isZero();
            String released = awaitShow(ip, "released-by");
            assertThat(released).contains("set released-by", "client").doesNotContain("set clip");
        }
    }

    /** Polls {@code dhcp:lease-show ip} until its output names {@code text}; returns it. */
    private String awaitShow(String ip, String text) {
        String[] out = new String[1];
        Awaitility.await("lease-show " + ip + " " + text).atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    out[0] = server.console("dhcp:lease-show " + ip).output();
                    return out[0].contains(text);
                });
        return out[0];
    }
}
