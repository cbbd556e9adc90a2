package org.leasehold.option82.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The sub-options of one option 82 value, in wire order (RFC 3046 §2.0: code, length, value).
 * Immutable; values are copied in and out.
 */
final class AgentSubOptions {

    static final int CIRCUIT_ID = 1;
    static final int REMOTE_ID = 2;
    static final int SUBSCRIBER_ID = 6;

    private record Sub(int code, byte[] value) {
    }

    private final List<Sub> subs;

    private AgentSubOptions(List<Sub> subs) {
        this.subs = subs;
    }

    /**
     * Splits an option 82 value.
     *
     * @throws IllegalArgumentException saying where and why the value is malformed
     */
    static AgentSubOptions parse(byte[] option82) {
        if (option82.length == 0) {
            throw new IllegalArgumentException("empty option 82");
        }
        List<Sub> out = new ArrayList<>();
        int i = 0;
        while (i < option82.length) {
            if (i + 2 > option82.length) {
                throw new IllegalArgumentException("sub-option at offset " + i + " has no length byte");
            }
            int code = option82[i] & 0xff;
            int len = option82[i + 1] & 0xff;
            if (i + 2 + len > option82.length) {
                throw new IllegalArgumentException("sub-option " + code + " at offset " + i + " claims " + len
                        + " bytes, only " + (option82.length - i - 2) + " left");
            }
            byte[] v = new byte[len];
            System.arraycopy(option82, i + 2, v, 0, len);
            out.add(new Sub(code, v));
            i += 2 + len;
        }
        return new AgentSubOptions(List.copyOf(out));
    }

    /** The first sub-option with {@code code} (a copy). */
    Optional<byte[]> get(int code) {
        for (Sub s : subs) {
            if (s.code() == code) {
                return Optional.of(s.value().clone());
            }
        }
        return Optional.empty();
    }

    List<Integer> codes() {
        return subs.stream().map(Sub::code).toList();
    }

    /** Printable ASCII as text, anything else as hex: how a value reads in a log or a template. */
    static String readable(byte[] v) {
        for (byte b : v) {
            if (b < 0x20 || b > 0x7e) {
                return HexFormat.of().formatHex(v);
            }
        }
        return new String(v, StandardCharsets.US_ASCII);
    }
}
