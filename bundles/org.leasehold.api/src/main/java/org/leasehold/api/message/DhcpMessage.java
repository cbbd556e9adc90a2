package org.leasehold.api.message;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A DHCPv4 or BOOTP message: the fixed BOOTP header, {@code chaddr}/{@code sname}/{@code file} and
 * the options. Immutable and thread-safe; byte arrays are copied in and out.
 *
 * <p>A decoded message also remembers its vend area exactly as received ({@link #wireVendArea()}),
 * so re-encoding an unchanged message reproduces the packet byte for byte (padding, bytes after
 * End, RFC 3396 splits, overloaded {@code sname}/{@code file}). Changing the options through
 * {@link Builder#options(DhcpOptions)} drops that memory and the encoder lays the options out anew.
 */
public final class DhcpMessage {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;

    private final int op;
    private final int htype;
    private final int hlen;
    private final int hops;
    private final int xid;
    private final int secs;
    private final int flags;
    private final int ciaddr;
    private final int yiaddr;
    private final int siaddr;
    private final int giaddr;
    private final byte[] chaddr;
    private final byte[] sname;
    private final byte[] file;
    private final DhcpOptions options;
    private final byte[] wireVendArea;
    private final int overloaded;

    private DhcpMessage(Builder b) {
        op = b.op;
        htype = b.htype;
        hlen = b.hlen;
        hops = b.hops;
        xid = b.xid;
        secs = b.secs;
        flags = b.flags;
        ciaddr = b.ciaddr;
        yiaddr = b.yiaddr;
        siaddr = b.siaddr;
        giaddr = b.giaddr;
        // Shared with the builder without copying: every setter copies its input into a new array and
        // neither class ever writes into an array it holds, so these can never change.
        chaddr = b.chaddr;
        sname = b.sname;
        file = b.file;
        options = b.options;
        wireVendArea = b.wireVendArea;
        overloaded = b.overloaded;
    }

    /** The all-zero fixed fields every builder starts with (never written to). */
    private static final byte[] ZERO_CHADDR = new byte[16];
    private static final byte[] ZERO_SNAME = new byte[64];
    private static final byte[] ZERO_FILE = new byte[128];

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int op() {
        return op;
    }

    public int htype() {
        return htype;
    }

    public int hlen() {
        return hlen;
    }

    public int hops() {
        return hops;
    }

    public int xid() {
        return xid;
    }

    public int secs() {
        return secs;
    }

    public int flags() {
        return flags;
    }

    /** The BROADCAST flag (RFC 2131 §2, bit 15 of flags). */
    public boolean broadcast() {
        return (flags & 0x8000) != 0;
    }

    public Inet4Address ciaddr() {
        return Addresses.of(ciaddr);
    }

    public Inet4Address yiaddr() {
        return Addresses.of(yiaddr);
    }

    public Inet4Address siaddr() {
        return Addresses.of(siaddr);
    }

    public Inet4Address giaddr() {
        return Addresses.of(giaddr);
    }

    /** ciaddr as a big-endian int (no allocation), likewise the other address accessors. */
    public int ciaddrInt() {
        return ciaddr;
    }

    public int yiaddrInt() {
        return yiaddr;
    }

    public int siaddrInt() {
        return siaddr;
    }

    public int giaddrInt() {
        return giaddr;
    }

    /** A copy of the 16-byte chaddr field. */
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** htype plus the first hlen (at most 16) bytes of chaddr. */
    public HardwareAddress hardwareAddress() {
        return new HardwareAddress(htype, Arrays.copyOf(chaddr, Math.min(hlen, 16)));
    }

    /** A copy of the 64-byte sname field (raw, also when it carries overloaded options). */
    public byte[] sname() {
        return sname.clone();
    }

    /** A copy of the 128-byte file field (raw, also when it carries overloaded options). */
    public byte[] file() {
        return file.clone();
    }

    /** sname as text up to the first NUL; empty when overloaded with options. */
    public String snameText() {
        return (overloaded & 2) != 0 ? "" : Addresses.cString(sname);
    }

    /** file as text up to the first NUL; empty when overloaded with options. */
    public String fileText() {
        return (overloaded & 1) != 0 ? "" : Addresses.cString(file);
    }

    public DhcpOptions options() {
        return options;
    }

    /** The message type from option 53; empty for BOOTP or a malformed option 53. */
    public Optional<MessageType> messageType() {
        return options.uint8(53).map(MessageType::valueOf);
    }

    /** True for a BOOTP message (no option 53). */
    public boolean isBootp() {
        return !options.contains(53);
    }

    /**
     * The vend area (bytes 236 to the end, cookie included) exactly as decoded, or empty when the
     * message was built or its options changed since decoding. Used by the encoder for byte-exact
     * re-encoding.
     */
    public Optional<byte[]> wireVendArea() {
        return wireVendArea == null ? Optional.empty() : Optional.of(wireVendArea.clone());
    }

    /**
     * Whether {@link #wireVendArea()} starts with the RFC 1048 magic cookie; false when it does not
     * (a plain BOOTP vend area) or is absent.
     */
    public boolean hasMagicCookie() {
        return wireVendArea != null && wireVendArea.length >= 4 && (wireVendArea[0] & 0xff) == 99
                && (wireVendArea[1] & 0xff) == 130 && (wireVendArea[2] & 0xff) == 83 && (wireVendArea[3] & 0xff) == 99;
    }

    /** Length of {@link #wireVendArea()} without copying; -1 when absent. */
    public int wireVendLength() {
        return wireVendArea == null ? -1 : wireVendArea.length;
    }

    /**
     * Copies chaddr, sname and file (208 bytes, contiguous on the wire) into {@code dst} at
     * {@code off} (encoder fast path: no defensive copies).
     */
    public void copyChaddrSnameFile(byte[] dst, int off) {
        System.arraycopy(chaddr, 0, dst, off, 16);
        System.arraycopy(sname, 0, dst, off + 16, 64);
        System.arraycopy(file, 0, dst, off + 80, 128);
    }

    /** Copies the remembered vend area into dst at off (encoder fast path). */
    public void copyWireVendArea(byte[] dst, int off) {
        System.arraycopy(wireVendArea, 0, dst, off, wireVendArea.length);
    }

    /** Option overload bits of the decoded message (1 = file, 2 = sname carry options), else 0. */
    public int overloaded() {
        return overloaded;
    }

    /** For logs: {@code xid=0x0000002a chaddr=02:00:00:00:0a:01}. */
    public String label() {
        // every exchange builds one: no Formatter (a regex match and a dozen objects per call)
        String hex = Integer.toHexString(xid);
        return "xid=0x" + "00000000".substring(hex.length()) + hex + " chaddr=" + Hex.colon(chaddr, 0, Math.min(hlen, 16));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpMessage m && m.op == op && m.htype == htype && m.hlen == hlen
            && m.hops == hops && m.xid == xid && m.secs == secs && m.flags == flags
            && m.ciaddr == ciaddr && m.yiaddr == yiaddr && m.siaddr == siaddr && m.giaddr == giaddr
            && Arrays.equals(m.chaddr, chaddr) && Arrays.equals(m.sname, sname)
            && Arrays.equals(m.file, file) && m.options.equals(options);
    }

    @Override
    public int hashCode() {
        return xid * 31 + options.hashCode();
    }

    @Override
    public String toString() {
        return "DhcpMessage{op=" + op + " " + label() + " type=" + messageType().map(MessageType::name).orElse("BOOTP")
            + " ciaddr=" + Addresses.text(ciaddr) + " yiaddr=" + Addresses.text(yiaddr)
            + " siaddr=" + Addresses.text(siaddr) + " giaddr=" + Addresses.text(giaddr)
            + " options=" + options + "}";
    }

    /** Mutable builder; not thread-safe. Defaults: BOOTREQUEST, Ethernet (htype 1, hlen 6). */
    public static final class Builder {
        private int op = BOOTREQUEST;
        private int htype = 1;
        private int hlen = 6;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private int ciaddr;
        private int yiaddr;
        private int siaddr;
        private int giaddr;
        private byte[] chaddr = ZERO_CHADDR;
        private byte[] sname = ZERO_SNAME;
        private byte[] file = ZERO_FILE;
        private DhcpOptions options = DhcpOptions.empty();
        private byte[] wireVendArea;
        private int overloaded;

        private Builder() {
        }

        private Builder(DhcpMessage m) {
            op = m.op;
            htype = m.htype;
            hlen = m.hlen;
            hops = m.hops;
            xid = m.xid;
            secs = m.secs;
            flags = m.flags;
            ciaddr = m.ciaddr;
            yiaddr = m.yiaddr;
            siaddr = m.siaddr;
            giaddr = m.giaddr;
            chaddr = m.chaddr;
            sname = m.sname;
            file = m.file;
            options = m.options;
            wireVendArea = m.wireVendArea;
            overloaded = m.overloaded;
        }

        public Builder op(int v) {
            op = checkByte(v, "op");
            return this;
        }

        public Builder htype(int v) {
            htype = checkByte(v, "htype");
            return this;
        }

        public Builder hlen(int v) {
            hlen = checkByte(v, "hlen");
            return this;
        }

        public Builder hops(int v) {
            hops = checkByte(v, "hops");
            return this;
        }

        public Builder xid(int v) {
            xid = v;
            return this;
        }

        public Builder secs(int v) {
            secs = v & 0xffff;
            return this;
        }

        public Builder flags(int v) {
            flags = v & 0xffff;
            return this;
        }

        public Builder broadcast(boolean on) {
            flags = on ? flags | 0x8000 : flags & 0x7fff;
            return this;
        }

        public Builder ciaddr(Inet4Address a) {
            ciaddr = Addresses.toInt(a);
            return this;
        }

        public Builder yiaddr(Inet4Address a) {
            yiaddr = Addresses.toInt(a);
            return this;
        }

        public Builder siaddr(Inet4Address a) {
            siaddr = Addresses.toInt(a);
            return this;
        }

        public Builder giaddr(Inet4Address a) {
            giaddr = Addresses.toInt(a);
            return this;
        }

        public Builder ciaddr(int a) {
            ciaddr = a;
            return this;
        }

        public Builder yiaddr(int a) {
            yiaddr = a;
            return this;
        }

        public Builder siaddr(int a) {
            siaddr = a;
            return this;
        }

        public Builder giaddr(int a) {
            giaddr = a;
            return this;
        }

        /** chaddr from up to 16 bytes (zero-padded); does not change hlen. */
        public Builder chaddr(byte[] v) {
            chaddr = fixed(v, 16, "chaddr");
            return this;
        }

        /** htype, hlen and chaddr from a hardware address. */
        public Builder hardwareAddress(HardwareAddress hw) {
            htype = hw.htype();
            hlen = hw.length();
            chaddr = fixed(hw.bytes(), 16, "chaddr");
            return this;
        }

        /** sname from up to 64 bytes; ends any overload of sname by options. */
        public Builder sname(byte[] v) {
            dropLayout();
            sname = fixed(v, 64, "sname");
            return this;
        }

        /** file from up to 128 bytes; ends any overload of file by options. */
        public Builder file(byte[] v) {
            dropLayout();
            file = fixed(v, 128, "file");
            return this;
        }

        public Builder sname(String text) {
            return sname(text.getBytes(StandardCharsets.UTF_8));
        }

        public Builder file(String text) {
            return file(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Replaces the options; forgets the decoded wire layout when they differ. */
        public Builder options(DhcpOptions v) {
            if (!v.equals(options)) {
                options = v;
                if (overloaded != 0) {
                    clearOverloadedFields();
                }
                wireVendArea = null;
            }
            return this;
        }

        /** Adds or replaces one option. */
        public Builder option(DhcpOption o) {
            return options(options.with(o));
        }

        public Builder withoutOption(int code) {
            return options(options.without(code));
        }

        public Builder messageType(MessageType t) {
            return option(DhcpOption.ofUint8(53, t.code()));
        }

        /** Set by the decoder: the vend area as received, and which fields carried options. */
        public Builder wireLayout(byte[] vendArea, int overloadedFields) {
            return wireLayout(vendArea, 0, vendArea.length, overloadedFields);
        }

        /** {@link #wireLayout(byte[], int)} from {@code len} bytes of {@code src} at {@code off}. */
        public Builder wireLayout(byte[] src, int off, int len, int overloadedFields) {
            wireVendArea = Arrays.copyOfRange(src, off, off + len);
            overloaded = overloadedFields & 3;
            return this;
        }

        /**
         * chaddr, sname and file from the 208 bytes at {@code off} of {@code src} (their wire layout,
         * as the decoder reads them).
         */
        public Builder chaddrSnameFile(byte[] src, int off) {
            if (off < 0 || off > src.length - 208) {
                throw new IllegalArgumentException("208 bytes of chaddr, sname and file do not fit at " + off);
            }
            chaddr = Arrays.copyOfRange(src, off, off + 16);
            sname = Arrays.copyOfRange(src, off + 16, off + 80);
            file = Arrays.copyOfRange(src, off + 80, off + 208);
            overloaded = 0;
            wireVendArea = null;
            return this;
        }

        public DhcpMessage build() {
            return new DhcpMessage(this);
        }

        /** Setting sname or file of an overloaded message drops the options layout in both fields. */
        private void dropLayout() {
            if (overloaded != 0) {
                clearOverloadedFields();
                wireVendArea = null;
            }
        }

        private void clearOverloadedFields() {
            if ((overloaded & 1) != 0) {
                file = new byte[128];
            }
            if ((overloaded & 2) != 0) {
                sname = new byte[64];
            }
            overloaded = 0;
        }

        private static int checkByte(int v, String what) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException(what + " must be 0-255, was " + v);
            }
            return v;
        }

        private static byte[] fixed(byte[] v, int size, String what) {
            if (v.length > size) {
                throw new IllegalArgumentException(what + " longer than " + size + " bytes: " + v.length);
            }
            return Arrays.copyOf(v, size);
        }
    }
}
