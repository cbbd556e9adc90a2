package org.leasehold.failover.internal.wire;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.leasehold.api.codec.DecodeException;

/**
 * Reads and writes draft-12 failover messages as ISC dhcpd 4.4 does: a 12-byte header (16-bit total
 * length, type, payload offset, 32-bit time, 32-bit transaction id), then options of 16-bit code,
 * 16-bit length and value, all big-endian. Reading is as strict as ISC's: a message of 12 to 2048
 * bytes, a payload offset inside it, options that end where it ends, known fixed-size options of
 * their size, no known option twice, a message digest only last. Unknown types and options are
 * kept, so {@code encode(decode(b))} gives {@code b} back. Stateless.
 */
public final class FailoverCodec {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 2048;

    private FailoverCodec() {
    }

    /** Decodes one whole message (its length field first). */
    public static FailoverMessage decode(byte[] b) throws DecodeException {
        if (b.length < MIN_LENGTH) {
            throw new DecodeException(b.length, "message of " + b.length + " bytes is shorter than the header");
        }
        int length = u16(b, 0);
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new DecodeException(0, "message length " + length + " outside 12..2048");
        }
        if (length != b.length) {
            throw new DecodeException(0, "message length field " + length + " but " + b.length + " bytes");
        }
        MessageType type = MessageType.valueOf(b[2] & 0xFF);
        int payoff = b[3] & 0xFF;
        if (payoff < FailoverMessage.HEADER || payoff > length) {
            throw new DecodeException(3, "payload offset " + payoff + " outside 12.." + length);
        }
        long time = u32(b, 4);
        long xid = u32(b, 8);
        byte[] extra = new byte[payoff - FailoverMessage.HEADER];
        System.arraycopy(b, FailoverMessage.HEADER, extra, 0, extra.length);
        List<FailoverOption> options = new ArrayList<>();
        BitSet seen = new BitSet();
        int at = payoff;
        while (at < length) {
            if (at + 4 > length) {
                throw new DecodeException(at, "option header runs past the message end");
            }
            OptionCode code = OptionCode.valueOf(u16(b, at));
            int len = u16(b, at + 2);
            if (at + 4 + len > length) {
                throw new DecodeException(at + 2, code + " of " + len + " bytes runs past the message end");
            }
            if (code.known()) {
                check(code, len, at, seen, at + 4 + len == length);
            }
            byte[] value = new byte[len];
            System.arraycopy(b, at + 4, value, 0, len);
            options.add(FailoverOption.of(code, value));
            at += 4 + len;
        }
        return new FailoverMessage(type, time, xid, extra, options);
    }

    private static void check(OptionCode code, int len, int at, BitSet seen, boolean last)
            throws DecodeException {
        if (code.fixedSize() != 0 && len != code.fixedSize()) {
            throw new DecodeException(at + 2, code + " has " + len + " bytes, not " + code.fixedSize());
        }
        if (code.equals(OptionCode.MESSAGE_DIGEST) && !last) {
            throw new DecodeException(at, "message-digest is not the last option");
        }
        if (seen.get(code.code())) {
            throw new DecodeException(at, "duplicate option " + code);
        }
        seen.set(code.code());
    }

    /** Encodes a message; its payload offset is 12 plus the header bytes it was decoded with. */
    public static byte[] encode(FailoverMessage m) {
        int payoff = FailoverMessage.HEADER + m.headerExtra().length;
        int length = payoff;
        for (FailoverOption o : m.options()) {
            length += 4 + o.length();
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(m.type() + " of " + length + " bytes exceeds " + MAX_LENGTH);
        }
        byte[] out = new byte[length];
        out[0] = (byte) (length >> 8);
        out[1] = (byte) length;
        out[2] = (byte) m.type().code();
        out[3] = (byte) payoff;
        put32(out, 4, m.time());
        put32(out, 8, m.xid());
        System.arraycopy(m.headerExtra(), 0, out, FailoverMessage.HEADER, m.headerExtra().length);
        int at = payoff;
        for (FailoverOption o : m.options()) {
            o.writeTo(out, at);
            at += 4 + o.length();
        }
        return out;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static void put32(byte[] out, int at, long v) {
        out[at] = (byte) (v >> 24);
        out[at + 1] = (byte) (v >> 16);
        out[at + 2] = (byte) (v >> 8);
        out[at + 3] = (byte) v;
    }
}
