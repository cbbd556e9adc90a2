package org.leasehold.api.message;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One DHCP option: a code and its value bytes. The value may be longer than 255 bytes (RFC 3396
 * long options); the encoder splits it. Immutable: the value is copied in and out.
 */
public final class DhcpOption {
    private final int code;
    private final byte[] value;

    private DhcpOption(int code, byte[] value) {
        if (code <= 0 || code >= 255) {
            throw new IllegalArgumentException("option code must be 1-254, was " + code);
        }
        this.code = code;
        this.value = value;
    }

    public static DhcpOption of(int code, byte[] value) {
        return new DhcpOption(code, value.clone());
    }

    /** The option with a copy of {@code len} bytes of {@code src} from {@code off}. */
    public static DhcpOption of(int code, byte[] src, int off, int len) {
        return new DhcpOption(code, Arrays.copyOfRange(src, off, off + len));
    }

    public static DhcpOption of(OptionCode code, byte[] value) {
        return of(code.code(), value);
    }

    public static DhcpOption ofAddress(int code, Inet4Address address) {
        return new DhcpOption(code, address.getAddress());
    }

    public static DhcpOption ofAddresses(int code, List<Inet4Address> addresses) {
        byte[] v = new byte[addresses.size() * 4];
        for (int i = 0; i < addresses.size(); i++) {
            System.arraycopy(addresses.get(i).getAddress(), 0, v, i * 4, 4);
        }
        return new DhcpOption(code, v);
    }

    /** Text as UTF-8 bytes, no terminating NUL (RFC 2132 §2). */
    public static DhcpOption ofText(int code, String text) {
        return new DhcpOption(code, text.getBytes(StandardCharsets.UTF_8));
    }

    public static DhcpOption ofUint8(int code, int v) {
        checkRange(v, 0xff);
        return new DhcpOption(code, new byte[] {(byte) v});
    }

    public static DhcpOption ofUint16(int code, int v) {
        checkRange(v, 0xffff);
        return new DhcpOption(code, new byte[] {(byte) (v >>> 8), (byte) v});
    }

    public static DhcpOption ofUint32(int code, long v) {
        checkRange(v, 0xffffffffL);
        return new DhcpOption(code, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static void checkRange(long v, long max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("value " + v + " outside 0.." + max);
        }
    }

    public int code() {
        return code;
    }

    public OptionCode optionCode() {
        return OptionCode.valueOf(code);
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value byte at {@code index} (0-255), without copying the value. */
    public int byteAt(int index) {
        return value[index] & 0xff;
    }

    /** Copies the value into {@code dst} at {@code off}; used by encoders to avoid a copy. */
    public void copyTo(int from, byte[] dst, int off, int len) {
        System.arraycopy(value, from, dst, off, len);
    }

    /** The option with {@code more} appended to the value (RFC 3396 concatenation). */
    public DhcpOption concat(byte[] more, int off, int len) {
        byte[] v = Arrays.copyOf(value, value.length + len);
        System.arraycopy(more, off, v, value.length, len);
        return new DhcpOption(code, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpOption other && other.code == code && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return code * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return OptionCode.valueOf(code).name() + "=" + Hex.colon(value, 0, value.length);
    }
}
