package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.message.HardwareAddress;

/**
 * Leases in ISC dhcpd's {@code dhcpd.leases} format, so existing tooling (and a fallback ISC server)
 * can read them:
 * <pre>
 * lease 198.51.100.10 {
 *   starts 4 2026/11/26 10:00:00;
 *   ends 4 2026/11/26 22:00:00;
 *   cltt 4 2026/11/26 10:00:00;
 *   binding state active;
 *   hardware ethernet 02:00:00:00:0a:01;
 *   uid "\001\002\000\000\000\012\001";
 *   client-hostname "printer";
 * }
 * </pre>
 * Times are UTC, weekday 0 = Sunday, as dhcpd writes them. Strings use dhcpd's octal escapes. ISC
 * has no address spaces: a lease outside the default space is preceded by a {@code # space} comment.
 * Stateless.
 */
public final class DhcpdLeasesFormat {

    private DhcpdLeasesFormat() {
    }

    /** The file header dhcpd writes, naming us as the author. */
    public static String header() {
        return "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                + "# This lease file was written by Leasehold\n\n";
    }

    /** One {@code lease { ... }} declaration, with a trailing newline. */
    public static String format(Lease l) {
        StringBuilder sb = new StringBuilder(256);
        if (!l.key().space().isEmpty()) {
            sb.append("# space ").append(l.key().space()).append('\n');
        }
        sb.append("lease ").append(l.key().address().getHostAddress()).append(" {\n");
        sb.append("  starts ").append(date(l.startEpochSecond())).append(";\n");
        sb.append("  ends ").append(l.endEpochSecond() == Lease.NEVER ? "never" : date(l.endEpochSecond()))
                .append(";\n");
        sb.append("  cltt ").append(date(l.startEpochSecond())).append(";\n");
        sb.append("  binding state ").append(l.state().iscName()).append(";\n");
        HardwareAddress hw = l.hardware();
        if (hw != null && hardwareType(hw.htype()) != null) {
            sb.append("  hardware ").append(hardwareType(hw.htype())).append(' ').append(hw).append(";\n");
        }
        if (l.client() != null) {
            sb.append("  uid ").append(quoted(l.client().bytes())).append(";\n");
        }
        if (l.bootp()) {
            sb.append("  dynamic-bootp;\n");
        }
        appendAgentOptions(sb, l.relayAgentInfo());
        if (!l.hostname().isEmpty()) {
            sb.append("  client-hostname ").append(quoted(l.hostname().getBytes(StandardCharsets.UTF_8))).append(";\n");
        }
        l.variables().forEach((name, value) -> sb.append("  set ").append(name).append(" = ")
                .append(quoted(value.getBytes(StandardCharsets.UTF_8))).append(";\n"));
        return sb.append("}\n").toString();
    }

    /** The header, then every lease. */
    public static void write(Collection<Lease> leases, Appendable out) {
        try {
            out.append(header());
            for (Lease l : leases) {
                out.append(format(l));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years a four-digit {@code yyyy} can carry. */
    private static final long FIRST_CALENDAR_SECOND = -62_135_596_800L;
    private static final long LAST_CALENDAR_SECOND = 253_402_300_799L;

    /**
     * dhcpd's date: {@code weekday yyyy/mm/dd hh:mm:ss}, UTC, weekday 0 = Sunday; outside years 1 to 9999
     * (which that form cannot carry, and an Instant not at all past year 10^9) dhcpd's {@code epoch N}.
     */
    static String date(long epochSecond) {
        if (epochSecond < FIRST_CALENDAR_SECOND || epochSecond > LAST_CALENDAR_SECOND) {
            return "epoch " + epochSecond;
        }
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
        return String.format("%d %04d/%02d/%02d %02d:%02d:%02d", t.getDayOfWeek().getValue() % 7, t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }

    /** The names dhcpd's lease parser accepts after {@code hardware}, or null. */
    static String hardwareType(int htype) {
        return switch (htype) {
            case 1 -> "ethernet";
            case 6 -> "token-ring";
            case 8 -> "fddi";
            case 32 -> "infiniband";
            default -> null;
        };
    }

    /** A dhcpd quoted string: printable ASCII as is, {@code "} and {@code \} escaped, others as octal. */
    static String quoted(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8).append('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
        return sb.append('"').toString();
    }

    /** Circuit-id and remote-id, as dhcpd writes them when it stashes agent options. */
    private static void appendAgentOptions(StringBuilder sb, byte[] rai) {
        int i = 0;
        while (i + 2 <= rai.length) {
            int code = rai[i] & 0xFF;
            int len = rai[i + 1] & 0xFF;
            if (i + 2 + len > rai.length) {
                return; // malformed: write nothing more rather than guess
            }
            String name = code == 1 ? "circuit-id" : code == 2 ? "remote-id" : null;
            if (name != null) {
                sb.append("  option agent.").append(name).append(' ')
                        .append(quoted(Arrays.copyOfRange(rai, i + 2, i + 2 + len))).append(";\n");
            }
            i += 2 + len;
        }
    }
}
