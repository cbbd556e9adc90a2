package org.leasehold.itests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;

/** A {@code dumpcap} capture of DHCP traffic on one interface of one namespace, read back with tshark. */
final class PacketCapture implements AutoCloseable {

    private final Path file;
    private final Process process;

    private PacketCapture(Path file, Process process) {
        this.file = file;
        this.process = process;
    }

    static PacketCapture start(String ns, String ifname, Path file) throws IOException {
        List<String> cmd = Exec.inNs(ns, "dumpcap", "-q", "-i", ifname, "-f", "udp port 67 or udp port 68",
                "-w", file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(file.resolveSibling(file.getFileName() + ".log").toFile()).start();
        PacketCapture c = new PacketCapture(file, p);
        // dumpcap writes the pcap header once the interface is open: from then on nothing is missed.
        Awaitility.await("capture on " + ns + "/" + ifname).atMost(Duration.ofSeconds(20))
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("dumpcap exited: " + Files.readString(file.resolveSibling(file.getFileName() + ".log")));
                    }
                    return Files.exists(file) && Files.size(file) > 0;
                });
        return c;
    }

    Path file() {
        return file;
    }

    /** Stops the capture (SIGTERM makes dumpcap flush and close the file). */
    @Override
    public void close() throws InterruptedException {
        Exec.stop(process, Duration.ofSeconds(10));
    }

    /** Frame numbers matching a tshark display filter. */
    List<String> frames(String displayFilter) throws IOException, InterruptedException {
        Exec.Result r = Exec.run(Duration.ofSeconds(60), "tshark", "-n", "-r", file.toString(), "-Y", displayFilter,
                "-T", "fields", "-e", "frame.number").check();
        return Arrays.stream(r.output().split("\n")).map(String::trim).filter(s -> s.matches("\\d+")).toList();
    }

    /** One-line summaries of the frames matching a display filter, for failure messages. */
    String summary(String displayFilter) throws IOException, InterruptedException {
        return Exec.run(Duration.ofSeconds(60), "tshark", "-n", "-r", file.toString(), "-Y", displayFilter).output();
    }
}
