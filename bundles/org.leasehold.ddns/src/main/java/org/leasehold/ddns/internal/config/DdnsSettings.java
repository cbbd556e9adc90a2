package org.leasehold.ddns.internal.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DDNS part of one accepted dhcpd.conf: the update style, the {@code secure-ddns} switch, the TSIG
 * keys and the zones with their servers. Per-client parameters ({@code ddns-domainname},
 * {@code ddns-ttl}, ...) are not here: they are read per packet from the client's scopes. Immutable.
 *
 * @param style  {@code ddns-update-style}
 * @param secure {@code secure-ddns}: every update signed
 * @param zones  the {@code zone} declarations, in file order
 */
public record DdnsSettings(Style style, boolean secure, List<ZoneConfig> zones) {

    /** ISC's {@code ddns-update-style}. */
    public enum Style {
        /** No updates (ISC's default). */
        NONE,
        /** RFC 4703 conflict resolution with DHCID records (RFC 4701). */
        STANDARD,
        /** ISC's pre-RFC style: a TXT record with an MD5 hash holds the client's identity. */
        INTERIM;

        /** The lease variable that holds the client's identity record in this style (ISC's names). */
        public String identityVariable() {
            return this == INTERIM ? "ddns-txt" : "ddns-dhcid";
        }
    }

    /** DDNS switched off: what a file without DDNS statements means. */
    public static final DdnsSettings OFF = new DdnsSettings(Style.NONE, false, List.of());

    public DdnsSettings {
        zones = List.copyOf(zones);
    }

    public boolean enabled() {
        return style != Style.NONE;
    }

    /** The zone declaration with the longest name that {@code fqdn} lies in, if any. */
    public Optional<ZoneConfig> zoneFor(String fqdn) {
        String n = canonical(fqdn);
        return zones.stream().filter(z -> n.equals(z.name()) || n.endsWith("." + z.name()))
                .max(Comparator.comparingInt(z -> z.name().length()));
    }

    /** Lower case, without the trailing dot: how names are compared and kept in lease variables. */
    public static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
