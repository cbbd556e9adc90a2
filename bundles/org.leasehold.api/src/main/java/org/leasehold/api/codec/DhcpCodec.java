package org.leasehold.api.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;

/**
 * Decodes and encodes DHCPv4/BOOTP messages (RFC 951, 1542, 2131, 2132, 3396). Stateless and
 * thread-safe; never blocks. Decoding accepts any input and reports problems only as
 * {@link DecodeException}; it concatenates split options (RFC 3396) and reads options from
 * {@code file}/{@code sname} when option 52 says so. A message without the magic cookie is plain
 * BOOTP: its vend area is kept raw and it has no options.
 */
public final class DhcpCodec {
    /** RFC 1048 magic cookie 99.130.83.99. */
    public static final int MAGIC_COOKIE = 0x63825363;
    static final int HEADER = 236;
    static final int OPTIONS_START = 240;
    static final int SNAME_OFF = 44;
    static final int FILE_OFF = 108;
    /** RFC 951 / 1542 minimum BOOTP message size. */
    public static final int MIN_SIZE = 300;

    private DhcpCodec() {
    }

    public static DhcpMessage decode(byte[] packet) throws DecodeException {
        return decode(packet, 0, packet.length);
    }

    /** Decodes the remaining bytes of {@code buf} without moving its position. */
    public static DhcpMessage decode(ByteBuffer buf) throws DecodeException {
        if (buf.hasArray()) {
            return decode(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        }
        byte[] copy = new byte[buf.remaining()];
        buf.duplicate().get(copy);
        return decode(copy, 0, copy.length);
    }

    public static DhcpMessage decode(byte[] b, int off, int len) throws DecodeException {
        if (off < 0 || len < 0 || off + len > b.length || off + len < 0) {
            throw new DecodeException(0, "buffer bounds off=" + off + " len=" + len + " outside array");
        }
        if (len < HEADER) {
            throw new DecodeException(len, "truncated BOOTP header: " + len + " bytes, need " + HEADER);
        }
        int op = b[off] & 0xff;
        if (op != DhcpMessage.BOOTREQUEST && op != DhcpMessage.BOOTREPLY) {
            throw new DecodeException(0, "op must be 1 (BOOTREQUEST) or 2 (BOOTREPLY), was " + op);
        }
        int hlen = b[off + 2] & 0xff;
        if (hlen > 16) {
            throw new DecodeException(2, "hlen " + hlen + " exceeds the 16-byte chaddr field");
        }
        DhcpMessage.Builder m = DhcpMessage.builder().op(op).htype(b[off + 1] & 0xff).hlen(hlen)
            .hops(b[off + 3] & 0xff).xid(int32(b, off + 4)).secs(int16(b, off + 8)).flags(int16(b, off + 10))
            .ciaddr(int32(b, off + 12)).yiaddr(int32(b, off + 16)).siaddr(int32(b, off + 20))
            .giaddr(int32(b, off + 24)).chaddrSnameFile(b, off + 28);
        int overload = 0;
        if (len >= OPTIONS_START && int32(b, off + HEADER) == MAGIC_COOKIE) {
            List<DhcpOption> instances = new ArrayList<>(24);
            overload = readArea(b, off, OPTIONS_START, len, instances, true);
            if ((overload & 1) != 0) {
                readArea(b, off, FILE_OFF, FILE_OFF + 128, instances, false);
            }
            if ((overload & 2) != 0) {
                readArea(b, off, SNAME_OFF, SNAME_OFF + 64, instances, false);
            }
            m.options(DhcpOptions.of(instances));
        }
        return m.wireLayout(b, off + HEADER, len - HEADER, overload).build();
    }

    /**
     * Reads options between {@code from} and {@code to} (offsets relative to the message) into
     * {@code out}. Returns the option overload value when reading the main area, else 0.
     */
    private static int readArea(byte[] b, int base, int from, int to, List<DhcpOption> out, boolean main)
        throws DecodeException {
        int overload = 0;
        int i = from;
        while (i < to) {
            int code = b[base + i] & 0xff;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255) {
                break;
            }
            if (i + 1 >= to) {
                throw new DecodeException(i, "option " + code + " has no length byte");
            }
            int len = b[base + i + 1] & 0xff;
            if (i + 2 + len > to) {
                throw new DecodeException(i, "option " + code + " length " + len + " overruns its area ending at " + to);
            }
            if (main && code == 52) {
                if (len != 1 || (b[base + i + 2] & 0xff) < 1 || (b[base + i + 2] & 0xff) > 3 || overload != 0) {
                    throw new DecodeException(i, "option overload (52) must appear once with value 1, 2 or 3");
                }
                overload = b[base + i + 2] & 0xff;
            }
            out.add(DhcpOption.of(code, b, base + i + 2, len));
            i += 2 + len;
        }
        return overload;
    }

    /**
     * Encodes a message. A decoded message whose options were not changed is reproduced byte for
     * byte; otherwise the options (without 52) are written in order, values over 255 bytes split
     * (RFC 3396), ended with End and padded to 300 bytes.
     */
    public static byte[] encode(DhcpMessage m) {
        int vend = m.wireVendLength();
        if (vend >= 0) {
            byte[] out = new byte[HEADER + vend];
            writeHeader(m, out);
            m.copyWireVendArea(out, HEADER);
            return out;
        }
        List<DhcpOption> options = m.options().all();
        int size = OPTIONS_START + 1;
        for (int i = 0, n = options.size(); i < n; i++) {
            DhcpOption o = options.get(i);
            if (o.code() != 52) {
                size += OptionWriter.wireSize(o.length());
            }
        }
        byte[] out = new byte[Math.max(MIN_SIZE, size)];
        writeHeader(m, out);
        int p = writeCookie(out);
        for (int i = 0, n = options.size(); i < n; i++) {
            DhcpOption o = options.get(i);
            if (o.code() != 52) {
                p = OptionWriter.write(o, 0, o.length(), out, p);
            }
        }
        out[p] = (byte) 255;
        return out;
    }

    /**
     * Encodes a reply for a client: options ordered 53, 54, 51, 58, 59, then as the client's
     * parameter request list asks, then the rest (82 last); DHCP-only options dropped for BOOTP;
     * {@code file}/{@code sname} overloaded (52) when the reply would exceed the client's maximum
     * message size; options that fit nowhere dropped; End always written; padded to 300 bytes.
     */
    public static byte[] encodeReply(DhcpMessage reply, ReplyEncoding enc) {
        return ReplyEncoder.encode(reply, enc);
    }

    static void writeHeader(DhcpMessage m, byte[] out) {
        out[0] = (byte) m.op();
        out[1] = (byte) m.htype();
        out[2] = (byte) m.hlen();
        out[3] = (byte) m.hops();
        putInt(out, 4, m.xid());
        out[8] = (byte) (m.secs() >>> 8);
        out[9] = (byte) m.secs();
        out[10] = (byte) (m.flags() >>> 8);
        out[11] = (byte) m.flags();
        putInt(out, 12, m.ciaddrInt());
        putInt(out, 16, m.yiaddrInt());
        putInt(out, 20, m.siaddrInt());
        putInt(out, 24, m.giaddrInt());
        m.copyChaddrSnameFile(out, 28);
    }

    static int writeCookie(byte[] out) {
        putInt(out, HEADER, MAGIC_COOKIE);
        return OPTIONS_START;
    }

    static void putInt(byte[] out, int p, int v) {
        out[p] = (byte) (v >>> 24);
        out[p + 1] = (byte) (v >>> 16);
        out[p + 2] = (byte) (v >>> 8);
        out[p + 3] = (byte) v;
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    private static int int16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }
}
