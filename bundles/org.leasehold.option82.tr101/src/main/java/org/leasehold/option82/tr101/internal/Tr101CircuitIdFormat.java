package org.leasehold.option82.tr101.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leasehold.option82.Option82Parser;
import org.osgi.service.component.annotations.Component;

/**
 * Input format {@code tr101}: the default Access Loop Circuit ID syntax of Broadband Forum TR-101
 * as DSLAMs and OLTs send it in the circuit-id:
 * <pre>
 *   Access-Node-Identifier eth Slot/Port[:VLAN-ID]       e.g. "dslam-7 eth 1/12:100"
 *   Access-Node-Identifier atm Slot/Port:VPI.VCI         e.g. "dslam-7 atm 1/12:8.35"
 * </pre>
 * Slot/Port may be a longer path (rack/frame/slot/sub-slot/port); the last two numbers are the slot
 * and port. The node identifier may itself contain spaces. Fields: {@code access-node},
 * {@code type} (eth|atm), {@code path}, {@code slot}, {@code port}, and {@code vlan} or
 * {@code vpi}/{@code vci}. Stateless and thread-safe.
 */
@Component
public final class Tr101CircuitIdFormat implements Option82Parser {

    private static final Pattern SYNTAX = Pattern.compile(
            "(?<node>\\S.*?) (?<type>eth|atm) (?<path>\\d{1,5}(?:/\\d{1,5}){0,5})"
                    + "(?::(?:(?<vpi>\\d{1,4})\\.(?<vci>\\d{1,5})|(?<vlan>\\d{1,4})))?",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String format() {
        return "tr101";
    }

    @Override
    public Optional<Map<String, String>> parse(byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7e) {
                return Optional.empty();
            }
        }
        Matcher m = SYNTAX.matcher(new String(value, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return Optional.empty();
        }
        String type = m.group("type").toLowerCase(Locale.ROOT);
        boolean atm = type.equals("atm");
        if (atm != (m.group("vpi") != null)) {
            return Optional.empty(); // ATM loops name a VPI.VCI; Ethernet ones at most a VLAN
        }
        String[] path = m.group("path").split("/");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("access-node", m.group("node"));
        f.put("type", type);
        f.put("path", m.group("path"));
        f.put("slot", path.length >= 2 ? path[path.length - 2] : "0");
        f.put("port", path[path.length - 1]);
        if (atm) {
            f.put("vpi", m.group("vpi"));
            f.put("vci", m.group("vci"));
        } else if (m.group("vlan") != null) {
            f.put("vlan", m.group("vlan"));
        }
        return Optional.of(f);
    }
}
