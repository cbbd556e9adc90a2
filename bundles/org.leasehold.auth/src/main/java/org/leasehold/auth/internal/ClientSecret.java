package org.leasehold.auth.internal;

import java.util.Arrays;

/**
 * One client's delayed-authentication key from {@code dhcpkey.conf}: who the client is, the key's
 * 32-bit secret ID and the shared secret. Immutable (the secret is copied in and out).
 *
 * @param identity {@code client-id:HEX} or {@code mac:HEX}, the form {@link KeyFile} looks clients up by
 * @param keyId    the RFC 3118 secret ID (unsigned 32 bits)
 * @param secret   the shared secret, at least one byte
 * @param line     where the key was defined, for messages
 */
public record ClientSecret(String identity, long keyId, byte[] secret, int line) {
    public ClientSecret {
        if (keyId < 0 || keyId > 0xffffffffL) {
            throw new IllegalArgumentException("key id must be 0-4294967295");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty secret");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSecret c && c.identity.equals(identity) && c.keyId == keyId
            && Arrays.equals(c.secret, secret);
    }

    @Override
    public int hashCode() {
        return identity.hashCode() * 31 + Long.hashCode(keyId);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return identity + " key " + keyId + " (line " + line + ")";
    }

}
