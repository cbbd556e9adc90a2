package org.leasehold.auth.internal;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.option.Authentication;

/**
 * RFC 3118 §5 delayed authentication with HMAC-MD5 and the monotonic replay-detection counter: the
 * option's layout, the MAC over the message's wire bytes (with {@code hops}, {@code giaddr} and the
 * MAC field itself zero), checking a request and signing an outgoing message. Stateless.
 */
final class DelayedAuth {

    static final int OPTION = 90;
    static final int PROTOCOL_DELAYED = 1;
    static final int ALGORITHM_HMAC_MD5 = 1;
    static final int RDM_MONOTONIC = 0;
    /** Protocol, algorithm, RDM, replay detection. */
    static final int HEADER = 11;
    static final int KEY_ID_LENGTH = 4;
    static final int MAC_LENGTH = 16;
    /** Offset of the MAC within the option's value. */
    static final int MAC_OFFSET = HEADER + KEY_ID_LENGTH;

    private static final int HOPS = 3;
    private static final int GIADDR = 24;

    private DelayedAuth() {
    }

    /** The option with the key's ID and a zero MAC, to be filled in by {@link #sign}. */
    static Authentication unsigned(long replay, long keyId) {
        byte[] info = new byte[KEY_ID_LENGTH + MAC_LENGTH];
        for (int i = 0; i < KEY_ID_LENGTH; i++) {
            info[i] = (byte) (keyId >>> (24 - 8 * i));
        }
        return new Authentication(PROTOCOL_DELAYED, ALGORITHM_HMAC_MD5, RDM_MONOTONIC, replay, info);
    }

    /**
     * {@code message} with a delayed-authentication option for {@code key}: {@code encoder} must produce
     * exactly the bytes that will be sent (the option's length does not change when the MAC is set, so
     * the layout stays the same).
     */
    static DhcpMessage sign(DhcpMessage message, ClientSecret key, long replay, Function<DhcpMessage, byte[]> encoder) {
        Authentication blank = unsigned(replay, key.keyId());
        DhcpMessage draft = message.toBuilder().withoutOption(OPTION).option(DhcpOption.of(OPTION, blank.encode())).build();
        byte[] wire = encoder.apply(draft);
        int at = WireOptions.valueOffset(wire, OPTION);
        if (at < 0) {
            throw new IllegalStateException("the encoder dropped the authentication option");
        }
        byte[] value = blank.encode();
        System.arraycopy(hmac(key.secret(), wire, at), 0, value, MAC_OFFSET, MAC_LENGTH);
        return message.toBuilder().withoutOption(OPTION).option(DhcpOption.of(OPTION, value)).build();
    }

    /** HMAC-MD5 of {@code wire} with hops, giaddr and the MAC field of the option at {@code authValue} zero. */
    static byte[] hmac(byte[] secret, byte[] wire, int authValue) {
        byte[] copy = wire.clone();
        copy[HOPS] = 0;
        for (int i = 0; i < 4; i++) {
            copy[GIADDR + i] = 0;
        }
        for (int i = 0; i < MAC_LENGTH; i++) {
            copy[authValue + MAC_OFFSET + i] = 0;
        }
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secret, "HmacMD5"));
            return mac.doFinal(copy);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    /**
     * Checks the authentication option of a request received as {@code wire}. A DHCPDISCOVER asks for
     * authentication with an empty information field (RFC 3118 §5.3); every other message carries the
     * secret ID and the MAC. Replay is not checked here (it needs per-client state).
     */
    static Check check(DhcpMessage request, byte[] wire, KeyFile keys, boolean discover) {
        Optional<byte[]> raw = request.options().bytes(OPTION);
        if (raw.isEmpty()) {
            return Check.NONE;
        }
        byte[] v = raw.get();
        if (v.length < HEADER) {
            return Check.invalid(Reason.MALFORMED);
        }
        if ((v[0] & 0xff) != PROTOCOL_DELAYED) {
            return Check.invalid(Reason.PROTOCOL);
        }
        if ((v[1] & 0xff) != ALGORITHM_HMAC_MD5) {
            return Check.invalid(Reason.ALGORITHM);
        }
        if ((v[2] & 0xff) != RDM_MONOTONIC) {
            return Check.invalid(Reason.RDM);
        }
        long replay = 0;
        for (int i = 3; i < HEADER; i++) {
            replay = replay << 8 | (v[i] & 0xff);
        }
        Optional<ClientSecret> key = keys.lookup(request);
        if (key.isEmpty()) {
            return Check.invalid(Reason.UNKNOWN_CLIENT);
        }
        if (v.length == HEADER) {
            return discover ? new Check(Outcome.VALID, null, key.get(), replay, false) : Check.invalid(Reason.NO_MAC);
        }
        if (v.length != HEADER + KEY_ID_LENGTH + MAC_LENGTH) {
            return Check.invalid(Reason.MALFORMED);
        }
        long keyId = 0;
        for (int i = HEADER; i < HEADER + KEY_ID_LENGTH; i++) {
            keyId = keyId << 8 | (v[i] & 0xff);
        }
        if (keyId != key.get().keyId()) {
            return Check.invalid(Reason.KEY_ID);
        }
        int at = WireOptions.valueOffset(wire, OPTION);
        if (at < 0 || WireOptions.length(wire, at) != v.length) {
            return Check.invalid(Reason.MALFORMED);
        }
        byte[] expected = hmac(key.get().secret(), wire, at);
        byte[] got = new byte[MAC_LENGTH];
        System.arraycopy(wire, at + MAC_OFFSET, got, 0, MAC_LENGTH);
        if (!MessageDigest.isEqual(expected, got)) {
            return Check.invalid(Reason.MAC);
        }
        return new Check(Outcome.VALID, null, key.get(), replay, true);
    }

    /** What a request's authentication option amounts to. */
    enum Outcome { NONE, INVALID, VALID }

    /** Why an authentication option was not accepted; the names are the status counter keys. */
    enum Reason {
        MALFORMED("malformed"), PROTOCOL("protocol"), ALGORITHM("algorithm"), RDM("rdm"),
        UNKNOWN_CLIENT("unknown-client"), KEY_ID("key-id"), NO_MAC("no-mac"), MAC("mac"), REPLAY("replay");

        final String key;

        Reason(String key) {
            this.key = key;
        }
    }

    /**
     * The result of {@link #check}: for VALID the client's key and the replay counter; {@code macChecked}
     * is false for a DISCOVER that only asked for authentication (its counter proves nothing).
     */
    record Check(Outcome outcome, Reason reason, ClientSecret key, long replay, boolean macChecked) {
        static final Check NONE = new Check(Outcome.NONE, null, null, 0, false);

        static Check invalid(Reason r) {
            return new Check(Outcome.INVALID, r, null, 0, false);
        }
    }
}
