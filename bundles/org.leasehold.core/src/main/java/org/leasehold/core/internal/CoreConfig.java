package org.leasehold.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the server listens and where it reads its configuration. PID {@value #PID}, file
 * {@code etc/org.leasehold.core.cfg}. The defaults answer on loopback only, on an unprivileged port,
 * so a first start can never serve a real LAN.
 */
@ObjectClassDefinition(name = "Leasehold core", description = "Listening sockets and file locations")
public @interface CoreConfig {

    String PID = "org.leasehold.core";

    @AttributeDefinition(description = "Addresses or interface names to listen on; 0.0.0.0 means every interface")
    String[] listen() default {"127.0.0.1"};

    @AttributeDefinition(description = "UDP port for DHCP server traffic (67 on a real network)")
    int port() default 6767;

    @AttributeDefinition(description = "UDP port replies to clients are sent to (68 on a real network)")
    int clientPort() default 6768;

    @AttributeDefinition(description = "ISC dhcpd.conf dialect configuration file")
    String configFile() default "etc/dhcpd.conf";

    @AttributeDefinition(description = "Directory of the durable lease journal")
    String leaseDir() default "data/leasehold";

    @AttributeDefinition(description = "Receive threads (0 = one per core)")
    int threads() default 0;
}
