package org.leasehold.itests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kea's perfdhcp as a relay on the LAN ({@code -l ADDRESS}: it sets giaddr and takes the answers on
 * port 67), running DORA at a rate for a period; its report is parsed for the REQUEST-ACK exchange.
 */
final class Perfdhcp {

    /** The REQUEST-ACK figures of one run (delays in milliseconds). */
    record Report(long sent, long received, double minMs, double avgMs, double maxMs, String text) {
        double answeredShare() {
            return sent == 0 ? 0 : (double) received / sent;
        }
    }

    private final Process process;
    private final Path out;

    private Perfdhcp(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static Perfdhcp start(String ns, String local, String server, int rate, int seconds, int clients, String macBase,
            Path out) throws IOException {
        List<String> cmd = new ArrayList<>(Exec.inNs(ns, "perfdhcp", "-4", "-g", "single", "-l", local,
                "-r", Integer.toString(rate), "-p", Integer.toString(seconds), "-R", Integer.toString(clients),
                "-b", "mac=" + macBase, "-d", "5", "-W", "3000000", server));
        return new Perfdhcp(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start(), out);
    }

    Report finish(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("perfdhcp still running after " + timeout + ":\n" + Files.readString(out));
        }
        String text = Files.readString(out);
        int at = text.indexOf("REQUEST-ACK");
        if (at < 0) {
            throw new AssertionError("perfdhcp printed no REQUEST-ACK statistics:\n" + text);
        }
        String section = text.substring(at);
        return new Report(number(section, "sent packets"), number(section, "received packets"),
                decimal(section, "min delay"), decimal(section, "avg delay"), decimal(section, "max delay"), text);
    }

    private static long number(String s, String label) {
        return find(s, label + ":\\s*(\\d+)").map(Long::parseLong).orElse(0L);
    }

    private static double decimal(String s, String label) {
        return find(s, label + ":\\s*([0-9.]+)").map(Double::parseDouble).orElse(Double.NaN);
    }

    private static Optional<String> find(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
