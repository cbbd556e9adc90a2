package org.leasehold.manager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the Server Manager interface (PID {@value #PID}). The interface starts only once this
 * configuration exists and names a shared secret: there is no anonymous access.
 */
@ObjectClassDefinition(name = "Leasehold Server Manager interface",
        description = "The framed TCP management protocol of docs/manager-protocol.md")
public @interface ManagerSettings {

    String PID = "org.leasehold.manager";

    @AttributeDefinition(description = "Address to listen on; loopback unless an operator widens it")
    String address() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port (the spec's Server Manager port)")
    int port() default 34464;

    @AttributeDefinition(description = "Shared secret of the HMAC-SHA256 challenge; this or secretFile is required",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String secret() default "";

    @AttributeDefinition(description = "File holding the shared secret (first line), instead of secret")
    String secretFile() default "";

    @AttributeDefinition(description = "Keystore (PKCS12 or JKS) with the server's key and certificate; empty: no TLS")
    String keystore() default "";

    @AttributeDefinition(description = "Password of the keystore and of its key",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String keystorePassword() default "";

    @AttributeDefinition(description = "Keystore type")
    String keystoreType() default "PKCS12";

    @AttributeDefinition(description = "With a keystore: refuse managers that do not ask for TLS")
    boolean tlsRequired() default false;

    @AttributeDefinition(description = "Largest frame a manager may send, in bytes (a reconfigure carries dhcpd.conf)")
    int maxFrameBytes() default 8 * 1024 * 1024;

    @AttributeDefinition(description = "Connections served at once; more are closed at once")
    int maxConnections() default 8;

    @AttributeDefinition(description = "A connection silent this long is closed (seconds)")
    int idleTimeoutSeconds() default 300;

    @AttributeDefinition(description = "Leases per frame of a fetch")
    int fetchPageSize() default 500;
}
