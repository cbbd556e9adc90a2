package org.leasehold.itests.e2e;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.leasehold.testing.ManagerClient;
import org.leasehold.testing.ManagerScript;

/**
 * One Server Manager session inside a network namespace: {@link ManagerScript} (the test client,
 * {@link ManagerClient}) run with {@code ip netns exec}, because a manager listening on a namespace's
 * loopback cannot be reached from the test's JVM in the root namespace. Its output read back into the
 * server's byte, the greeting and every answer.
 */
final class ManagerSession {

    /** What one session saw; {@code closed} is null unless the server refused or the login failed. */
    record Result(String negotiated, boolean tls, String hello, List<ManagerClient.Reply> replies, Boolean closed,
            int exitCode, String output) {

        /** The answer to the {@code i}-th command (0: the login). */
        ManagerClient.Reply reply(int i) {
            if (i >= replies.size()) {
                throw new AssertionError("no answer " + i + " in the session:\n" + output);
            }
            return replies.get(i);
        }
    }

    private ManagerSession() {
    }

    /**
     * Connects to {@code 127.0.0.1:port} in {@code ns}, asking for TLS when {@code tls} (trusting only
     * the certificate {@code cert}), logs in with {@code secret} and sends {@code commands} in order.
     */
    static Result run(String ns, int port, boolean tls, Path cert, String secret, String... commands)
            throws IOException, InterruptedException {
        Exec.Result r = Exec.run(Duration.ofSeconds(90), String.join("\n", commands) + "\n",
                Exec.inNs(ns, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(),
                        ManagerScript.class.getName(), "127.0.0.1", Integer.toString(port), tls ? "tls" : "plain",
                        cert.toString(), secret));
        return parse(r);
    }

    private static String classpath() {
        try {
            return Path.of(ManagerClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result parse(Exec.Result r) {
        String negotiated = null;
        boolean tls = false;
        String hello = null;
        Boolean closed = null;
        List<ManagerClient.Reply> replies = new ArrayList<>();
        String status = null;
        List<String> lines = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("  ") && status != null) {
                lines.add(line.substring(2));
                continue;
            }
            if (status != null) {
                replies.add(new ManagerClient.Reply(status, List.copyOf(lines)));
                status = null;
                lines.clear();
            }
            if (line.startsWith("reply ")) {
                status = line.substring(6);
            } else if (line.startsWith("negotiated ")) {
                negotiated = line.substring(11);
            } else if (line.startsWith("tls ")) {
                tls = Boolean.parseBoolean(line.substring(4));
            } else if (line.startsWith("hello ")) {
                hello = line.substring(6);
            } else if (line.startsWith("closed ")) {
                closed = Boolean.parseBoolean(line.substring(7));
            }
        }
        if (status != null) {
            replies.add(new ManagerClient.Reply(status, List.copyOf(lines)));
        }
        return new Result(negotiated, tls, hello, List.copyOf(replies), closed, r.exitCode(), r.output());
    }
}
