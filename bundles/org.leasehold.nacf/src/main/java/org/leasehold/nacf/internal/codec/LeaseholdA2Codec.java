package org.leasehold.nacf.internal.codec;

import org.leasehold.nacf.A2Codec;
import org.leasehold.nacf.A2Session;
import org.osgi.service.component.annotations.Component;

/**
 * The a2 wire format Leasehold defines ({@code docs/a2-protocol.md}): RADIUS-like header (code,
 * identifier, length, MD5 authenticator keyed by the shared secret) and type-length-value
 * attributes in network byte order. Stateless and thread-safe; each connection opens its own session.
 * Uses only the JDK, so the CLF simulator runs it outside OSGi.
 */
@Component(property = A2Codec.NAME + "=" + LeaseholdA2Codec.NAME)
public final class LeaseholdA2Codec implements A2Codec {

    public static final String NAME = "leasehold";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public A2Session open(byte[] secret) {
        return new LeaseholdA2Session(secret);
    }
}
