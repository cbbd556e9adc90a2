package org.leasehold.core.internal.expr;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's host name as gethostname(2) gives it, for ISC's {@code gethostname()}: Linux's
 * {@code /proc/sys/kernel/hostname}, else the JDK's local host name. Read when an expression is
 * parsed, never per packet, and never through DNS. Stateless.
 */
final class LocalHost {

    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private LocalHost() {
    }

    static String name() {
        try {
            String n = Files.readString(KERNEL, StandardCharsets.US_ASCII).strip();
            if (!n.isEmpty()) {
                return n;
            }
        } catch (IOException | SecurityException e) {
            // not Linux: fall back below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
