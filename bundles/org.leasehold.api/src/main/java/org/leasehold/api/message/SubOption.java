package org.leasehold.api.message;

import java.util.Arrays;

/** One sub-option of option 82 (or any TLV space with 1-byte code and length). Immutable. */
public record SubOption(int code, byte[] bytes) {
    public SubOption {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("sub-option code must be 0-255, was " + code);
        }
        if (bytes.length > 255) {
            throw new IllegalArgumentException("sub-option value longer than 255 bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public SubOptionCode subOptionCode() {
        return SubOptionCode.valueOf(code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubOption s && s.code == code && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return code * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return SubOptionCode.valueOf(code).name() + "=" + Hex.colon(bytes, 0, bytes.length);
    }
}
