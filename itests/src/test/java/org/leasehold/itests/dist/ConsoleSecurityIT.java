package org.leasehold.itests.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leasehold.itests.support.Commands;
import org.leasehold.itests.support.Distribution;

/**
 * The distribution as an operator gets it: started with {@code bin/karaf run}, it listens on loopback
 * only, no well-known login opens the console, the generated admin login does, and SIGTERM stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSecurityIT {

    private Distribution dist;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        dist = Distribution.unpackAsShipped(work, List.of());
        dist.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    @Order(1)
    void everyListeningSocketIsOnLoopback() throws Exception {
        String ss = Commands.run(Duration.ofSeconds(20), "ss", "-H", "-lntup").assertSuccess().output();
        List<String> ours = new ArrayList<>();
        for (String line : ss.split("\n")) {
            if (line.contains("pid=" + dist.pid() + ",")) {
                ours.add(line);
            }
        }
        assertThat(ours).as("sockets of the server process").isNotEmpty()
                .anySatisfy(l -> assertThat(l).contains(":" + dist.sshPort()))
                .anySatisfy(l -> assertThat(l).startsWith("udp").contains(":6767"));
        for (String line : ours) {
            String local = line.trim().split("\\s+")[4];
            // the DHCP socket is also bound to the loopback device (127.0.0.1%lo)
            assertThat(local).as(line).matches("(\\[::ffff:)?127\\.0\\.0\\.1(%lo)?\\]?:\\d+");
        }
    }

    @ParameterizedTest
    @Order(2)
    @CsvSource({"karaf,karaf", "admin,admin", "karaf,''", "admin,''", "admin,karaf", "smx,smx", "root,root"})
    void noWellKnownLoginOpensTheConsole(String user, String password) throws Exception {
        Commands.Result r = dist.client(user, password, "dhcp:status");
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).doesNotContain("listen");
    }

    @Test
    @Order(3)
    void generatedAdminLoginWorksAndIsStoredHashed() throws Exception {
        Path pw = dist.home().resolve("etc/admin.password");
        assertThat(Files.getPosixFilePermissions(pw))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Commands.Result r = dist.console("dhcp:status");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("127.0.0.1 port 6767");
        String users = Files.readString(dist.home().resolve("etc/users.properties"));
        assertThat(users).contains("admin = {CRYPT}").doesNotContain(dist.adminPassword());
    }

    @Test
    @Order(4)
    void sigtermStopsTheServerCleanly() throws Exception {
        long pid = dist.pid();
        int exit = dist.stop(Duration.ofSeconds(60));
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(dist.log()).doesNotContain("Exception in thread");
    }
}
