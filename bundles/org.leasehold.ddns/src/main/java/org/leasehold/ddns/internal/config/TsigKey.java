package org.leasehold.ddns.internal.config;

import java.util.Objects;

/**
 * A {@code key NAME { algorithm A; secret S; }} declaration: a TSIG key (RFC 8945). Immutable. Its
 * {@code toString} never shows the secret.
 *
 * @param name      the key's name as the DNS server knows it
 * @param algorithm the HMAC algorithm in dnsjava's spelling ({@code hmac-sha256})
 * @param secret    the base64 secret
 */
public record TsigKey(String name, String algorithm, String secret) {

    public TsigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "TsigKey[" + name + ", " + algorithm + "]";
    }
}
