package org.leasehold.options.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * P-CSCF discovery (spec §3.1.1.2): PID {@value #PID}, file {@code etc/org.leasehold.options.pcscf.cfg}.
 * Rules {@code rule.<n>.*}, tried in ascending n, pick the SIP servers (option 120, RFC 3361):
 * <ul>
 * <li>{@code servers}: comma-separated domain names or IPv4 addresses (not mixed); required;</li>
 * <li>{@code source}: CIDR or a-b range the client's address (ciaddr, else the datagram source) is in;</li>
 * <li>{@code giaddr}: CIDR or range of the relay;</li>
 * <li>{@code circuit-id}, {@code remote-id}: prefix of that option 82 sub-option, hex or "text".</li>
 * </ul>
 * A rule without conditions matches every request. Without the file nothing is added.
 */
@ObjectClassDefinition(name = "Leasehold P-CSCF discovery", description = "SIP servers (option 120) by source address, relay and relay information")
public @interface PcscfConfig {

    String PID = "org.leasehold.options.pcscf";

    @AttributeDefinition(description = "Answer option 120 only in the ACK to a DHCPINFORM (false: any OFFER/ACK asking for 120)")
    boolean informOnly() default true;
}
