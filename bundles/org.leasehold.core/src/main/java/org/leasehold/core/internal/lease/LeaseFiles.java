package org.leasehold.core.internal.lease;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leasehold.api.lease.Lease;

/**
 * Reads a lease file for {@code dhcp:lease-import}: an ISC dhcpd.leases file (dhcpd's own, or a
 * {@code dhcp:lease-export --format dhcpd}) or Leasehold's JSON export, told apart by the first
 * character that is not blank ({@code [} is JSON). Stateless.
 */
public final class LeaseFiles {

    private static final Pattern DHCPD_LINE = Pattern.compile("^dhcpd\\.leases line (\\d+): ");
    private static final Pattern JSON_LINE = Pattern.compile("^line (\\d+): ");

    private LeaseFiles() {
    }

    /**
     * Every lease of {@code file}, in file order (dhcpd.leases: the last declaration of each address).
     *
     * @throws IllegalArgumentException {@code FILE:LINE: what is wrong}, for the first bad line
     * @throws IOException              when the file cannot be read
     */
    public static List<Lease> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean json = text.stripLeading().startsWith("[");
        try {
            return json ? LeaseJsonReader.parse(text) : DhcpdLeasesParser.parse(text);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            Matcher at = (json ? JSON_LINE : DHCPD_LINE).matcher(m);
            if (at.find()) {
                throw new IllegalArgumentException(file + ":" + at.group(1) + ": " + m.substring(at.end()), e);
            }
            throw new IllegalArgumentException(file + ": " + m, e);
        }
    }
}
