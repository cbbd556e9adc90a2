package org.leasehold.api.option;

/**
 * An option (or sub-option) definition: its option space ("dhcp" for the standard options,
 * "agent" for option 82 sub-options, "fqdn", "nwip", or a vendor/user space), code, ISC dhcpd
 * name and value type. Immutable.
 */
public record OptionDefinition(String space, int code, String name, OptionType type) {
    public static final String DHCP = "dhcp";
    public static final String AGENT = "agent";

    public OptionDefinition {
        if (space == null || space.isBlank() || name == null || name.isBlank() || type == null) {
            throw new IllegalArgumentException("space, name and type are required");
        }
        if (code < 0 || (DHCP.equals(space) && code > 255)) {
            // other spaces may have wider codes: option space NAME code width 2|4 (vendor's are enterprise numbers)
            throw new IllegalArgumentException("code must be 0-255 in the dhcp space, 0 or more elsewhere, was " + code);
        }
    }

    /** {@code routers} for the dhcp space, {@code agent.circuit-id} otherwise. */
    public String qualifiedName() {
        return DHCP.equals(space) ? name : space + "." + name;
    }
}
