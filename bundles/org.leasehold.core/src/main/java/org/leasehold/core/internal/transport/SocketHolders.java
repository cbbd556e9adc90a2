package org.leasehold.core.internal.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who holds a UDP port, as far as the system tells: the processes whose sockets in
 * {@code /proc/net/udp} are bound to the port on the same or the wildcard address. Linux only; elsewhere,
 * or without the right to read another user's file descriptors, the answer is shorter or empty. Used
 * only to word a failed bind, never on the packet path.
 */
final class SocketHolders {

    private static final Path PROC = Path.of("/proc");

    private SocketHolders() {
    }

    /** E.g. {@code "pid 4242 (java)"}, one per holding process; empty when the system does not tell. */
    static List<String> of(InetSocketAddress local) {
        try {
            Set<String> inodes = inodes(local);
            return inodes.isEmpty() ? List.of() : processes(inodes);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Set<String> inodes(InetSocketAddress local) throws IOException {
        Path table = PROC.resolve("net/udp");
        Set<String> out = new HashSet<>();
        if (!Files.isReadable(table)) {
            return out;
        }
        String port = String.format(Locale.ROOT, "%04X", local.getPort());
        String any = "00000000";
        String self = local.getAddress() instanceof Inet4Address a ? procHex(a) : any;
        for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            if (f.length < 10 || !f[1].contains(":")) {
                continue;
            }
            String[] addrPort = f[1].split(":");
            boolean samePort = addrPort[1].equalsIgnoreCase(port);
            boolean overlaps = addrPort[0].equalsIgnoreCase(self) || addrPort[0].equals(any) || self.equals(any);
            if (samePort && overlaps && !f[9].equals("0")) {
                out.add(f[9]);
            }
        }
        return out;
    }

    /** The address as /proc/net/udp prints it: the four bytes in host (little-endian) order, in hex. */
    private static String procHex(Inet4Address a) {
        byte[] b = a.getAddress();
        return String.format(Locale.ROOT, "%02X%02X%02X%02X", b[3] & 0xff, b[2] & 0xff, b[1] & 0xff, b[0] & 0xff);
    }

    private static List<String> processes(Set<String> inodes) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (holdsAny(proc, inodes)) {
                    out.add("pid " + proc.getFileName() + " (" + command(proc) + ")");
                }
            }
        }
        return out;
    }

    private static boolean holdsAny(Path proc, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException gone) {
                    // closed meanwhile, or not a link
                }
            }
        } catch (IOException | SecurityException notOurs) {
            // another user's process, or gone
        }
        return false;
    }

    private static String command(Path proc) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
            String cmd = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (cmd.length() > 160) {
                cmd = cmd.substring(0, 157) + "...";
            }
            return cmd.isEmpty() ? Files.readString(proc.resolve("comm")).trim() : cmd;
        } catch (IOException e) {
            return "?";
        }
    }
}
