package org.leasehold.failover.internal.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** One option of a failover message: its code and value bytes as on the wire. Immutable (bytes copied). */
public final class FailoverOption {

    private final OptionCode code;
    private final byte[] value;

    private FailoverOption(OptionCode code, byte[] value) {
        this.code = Objects.requireNonNull(code, "code");
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("option value of " + value.length + " bytes does not fit 16 bits");
        }
        this.value = value;
    }

    public static FailoverOption of(OptionCode code, byte[] value) {
        return new FailoverOption(code, value.clone());
    }

    public static FailoverOption uint8(OptionCode code, int v) {
        return new FailoverOption(code, new byte[] {(byte) v});
    }

    public static FailoverOption uint16(OptionCode code, int v) {
        return new FailoverOption(code, new byte[] {(byte) (v >> 8), (byte) v});
    }

    public static FailoverOption uint32(OptionCode code, long v) {
        return new FailoverOption(code, new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    public static FailoverOption text(OptionCode code, String s) {
        return new FailoverOption(code, s.getBytes(StandardCharsets.UTF_8));
    }

    public static FailoverOption address(OptionCode code, Inet4Address a) {
        return new FailoverOption(code, a.getAddress());
    }

    public OptionCode code() {
        return code;
    }

    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value as an unsigned number of its 1, 2 or 4 bytes. */
    public long number() {
        long v = 0;
        for (byte b : value) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    public Inet4Address address() {
        try {
            return (Inet4Address) InetAddress.getByAddress(value);
        } catch (UnknownHostException | ClassCastException e) {
            throw new IllegalStateException(code + " is not a 4-byte address", e);
        }
    }

    void writeTo(byte[] out, int at) {
        out[at] = (byte) (code.code() >> 8);
        out[at + 1] = (byte) code.code();
        out[at + 2] = (byte) (value.length >> 8);
        out[at + 3] = (byte) value.length;
        System.arraycopy(value, 0, out, at + 4, value.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailoverOption f && code.equals(f.code) && Arrays.equals(value, f.value);
    }

    @Override
    public int hashCode() {
        return 31 * code.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return code + "=" + HexFormat.of().formatHex(value);
    }
}
