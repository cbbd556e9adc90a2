package org.leasehold.manager.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared-secret challenge of docs/manager-protocol.md: the server's greeting carries a fresh random
 * nonce, the manager answers with HMAC-SHA256(secret, nonce) in hex. The secret never crosses the wire,
 * and an answer is worth one connection only. Thread-safe.
 */
final class Authenticator {

    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    Authenticator(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the shared secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** 32 random bytes in lower-case hex. */
    String nonce() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** Whether {@code answer} (hex, any case) is the HMAC of {@code nonce}; compared in constant time. */
    boolean verify(String nonce, String answer) {
        byte[] given;
        try {
            given = HEX.parseHex(answer.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, nonce), given);
    }

    static byte[] hmac(SecretKeySpec key, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
