package org.leasehold.core.internal.lease;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

/**
 * Coverage-guided fuzzing of the dhcpd.leases reader ({@link DhcpdLeasesParser}, the import of an ISC
 * dhcpd lease file) with Jazzer. Whatever the text, the reader returns leases or throws the
 * IllegalArgumentException it documents, naming a line of the file; and what it returns, written
 * back with {@link DhcpdLeasesFormat}, reads back to the same leases. Seeds: the ISC dhcpd 4.4 file
 * the unit tests read and files our own format writes. A plain test run replays the seeds and the
 * findings under DhcpdLeasesFuzzTestInputs; benchmarks/fuzz.sh fuzzes it (docs/fuzzing.md).
 */
class DhcpdLeasesFuzzTest {

    private static final Pattern LINE = Pattern.compile("^dhcpd\\.leases line (\\d+): .+", Pattern.DOTALL);

    @MethodSource("seeds")
    @DictionaryEntries({"lease ", " { ", "}", "; ", "starts ", "ends ", "cltt ", "tstp ", "never", "epoch ",
        "binding state ", "next binding state ", "active", "free", "backup", "abandoned", "bootp", "expired",
        "released", "reset", "hardware ", "ethernet ", "token-ring ", "fddi ", "infiniband ", "uid ",
        "client-hostname ", "dynamic-bootp", "option agent.circuit-id ", "option agent.remote-id ", "set ", " = ",
        "on expiry { }", "# space ", "failover peer ", "server-duid ", "\"\\001\"", "4 2026/11/26 08:00:00",
        "02:00:00:00:0a:14", "198.51.100.20"})
    @FuzzTest(maxDuration = "10m")
    void parseFailsOnlyWithLineNumberAndRoundTrips(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        List<Lease> leases;
        try {
            leases = DhcpdLeasesParser.parse(text);
        } catch (IllegalArgumentException e) {
            checkNamesALine(text, e);
            return;
        }
        StringBuilder again = new StringBuilder();
        DhcpdLeasesFormat.write(leases, again);
        List<Lease> reread;
        try {
            reread = DhcpdLeasesParser.parse(again.toString());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("what the reader returned does not read back once written: " + e.getMessage()
                    + "\n" + again, e);
        }
        if (!reread.equals(leases)) {
            throw new AssertionError("written and read back, the leases changed:\n" + leases + "\n" + reread);
        }
    }

    private static void checkNamesALine(String text, IllegalArgumentException e) {
        Matcher m = e.getMessage() == null ? null : LINE.matcher(e.getMessage());
        if (m == null || !m.matches()) {
            throw new AssertionError("failure that names no line: " + e, e);
        }
        long line = Long.parseLong(m.group(1));
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        if (line < 1 || line > lines) {
            throw new AssertionError("line " + line + " outside the file's " + lines + " lines: " + e, e);
        }
    }

    static Stream<byte[]> seeds() throws IOException {
        byte[] isc;
        try (InputStream in = DhcpdLeasesFuzzTest.class.getResourceAsStream("isc-dhcpd.leases")) {
            isc = in.readAllBytes();
        }
        Lease full = TestLeases.full(3).toBuilder().subnet("").pool("").classes(java.util.Set.of())
                .relayAgentInfo(new byte[] {1, 2, 'a', '"', 2, 1, (byte) 0xFF}).hostname("h\u00e9 \"q\" \\")
                .variable("ddns-fwd-name", "host3.example.net").build();
        Lease spaced = Lease.builder(new LeaseKey("voip", TestLeases.address(4))).state(LeaseState.BACKUP).start(0)
                .end(Lease.NEVER).build();
        StringBuilder ours = new StringBuilder();
        DhcpdLeasesFormat.write(List.of(full, spaced, TestLeases.active(5, 2)), ours);
        return Stream.of(isc, ours.toString().getBytes(StandardCharsets.UTF_8));
    }
}
