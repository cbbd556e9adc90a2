package org.leasehold.api.option;

/**
 * The type of an option value in the dhcpd.conf type language: {@code ip-address},
 * {@code unsigned integer 8/16/32}, {@code signed integer 8/16/32}, {@code boolean}, {@code text},
 * {@code string}, {@code domain-name}, {@code domain-list [compressed]}, {@code zerolen},
 * {@code array of T}, records {@code { T, T }}, {@code encapsulate SPACE}, and the special types
 * {@code classless-static-routes} (RFC 3442), {@code sip-servers} (RFC 3361), {@code client-fqdn}
 * (RFC 4702), {@code vendor-identifying-class}/{@code vendor-identifying-options} (RFC 3925),
 * {@code user-class} (RFC 3004) and {@code authentication} (RFC 3118).
 * Implementations are immutable and thread-safe.
 */
public interface OptionType {

    /** Parses a type as written in dhcpd.conf, e.g. {@code array of ip-address}. */
    static OptionType parse(String isctype) {
        return TypeParser.parse(isctype);
    }

    /** The canonical type text, accepted by {@link #parse(String)}. */
    String name();

    /**
     * Wire bytes for a value written as in dhcpd.conf after the option name (without the ';'),
     * e.g. {@code 198.51.100.1, 198.51.100.2}, {@code "example.org"} or {@code 01:02:03}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and where
     */
    byte[] parseValue(String text);

    /**
     * The value in dhcpd.leases style. Never throws: bytes that do not fit the type are shown as a
     * quoted string when printable, else as colon-separated hex.
     */
    String format(byte[] value);
}
