package org.leasehold.nacf;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A wire format of the a2 interface, registered as a service with the property {@value #NAME}
 * (e.g. {@code leasehold}). The NACF uses the codec whose name its configuration's {@code codec} key
 * gives, so a vendor format replaces the built-in one by installing a bundle. Implementations are
 * thread-safe; the {@link A2Session}s they open are not.
 */
@ConsumerType
public interface A2Codec {

    /** The service property naming the codec. */
    String NAME = "leasehold.a2.codec";

    /** The codec's name, as in its {@value #NAME} property. */
    String name();

    /**
     * The state of one connection (identifiers, authenticators of requests awaiting an answer),
     * keyed by the shared secret of the two ends.
     */
    A2Session open(byte[] secret);
}
