package org.leasehold.option82.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.message.SubOption;

/**
 * The sub-options of one option 82 value in wire order, read through the contract's
 * {@link RelayAgentInformation}; a malformed value becomes an {@link IllegalArgumentException} with
 * the reason. Immutable; values are copied out.
 */
final class AgentSubOptions {

    static final int CIRCUIT_ID = 1;
    static final int REMOTE_ID = 2;
    static final int SUBSCRIBER_ID = 6;

    private final RelayAgentInformation info;

    private AgentSubOptions(RelayAgentInformation info) {
        this.info = info;
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
        try {
            return new AgentSubOptions(RelayAgentInformation.parse(option82));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.reason() + " (offset " + e.offset() + ")", e);
        }
    }

    /** The first sub-option with {@code code} (a copy). */
    Optional<byte[]> get(int code) {
        return info.get(code).map(SubOption::bytes);
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
