package org.leasehold.api.codec;

import java.util.ArrayList;
import java.util.List;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lays out a reply's options in client order, overloading file/sname when they do not fit. */
final class ReplyEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyEncoder.class);
    private static final int[] FIRST = {53, 54, 51, 58, 59};
    private static final int MAIN = AreaPacker.MAIN;
    private static final int FILE = AreaPacker.FILE;
    private static final int SNAME = AreaPacker.SNAME;

    private ReplyEncoder() {
    }

    static byte[] encode(DhcpMessage reply, ReplyEncoding enc) {
        if (reply.wireVendLength() >= 0 && !reply.hasMagicCookie()) {
            // a plain BOOTP reply carrying a vend area as is (RFC 951): written byte for byte
            return DhcpCodec.encode(reply);
        }
        if (reply.overloaded() != 0) {
            // a decoded overloaded message: its sname/file hold options, not names
            reply = reply.toBuilder().options(DhcpOptions.empty()).options(reply.options()).build();
        }
        List<DhcpOption> ordered = order(reply, enc);
        int limit = Math.max(DhcpCodec.MIN_SIZE, enc.maxPayload());
        int needed = 1;
        for (DhcpOption o : ordered) {
            needed += OptionWriter.wireSize(o.length());
        }
        int mainCap = limit - DhcpCodec.OPTIONS_START;
        if (needed <= mainCap) {
            return writeMainOnly(reply, ordered, needed);
        }
        boolean overload = !enc.bootp();
        AreaPacker packer = new AreaPacker(mainCap - 1 - (overload ? 3 : 0),
            overload && allZero(reply.file()) ? 127 : 0, overload && allZero(reply.sname()) ? 63 : 0);
        for (DhcpOption o : packer.pack(ordered)) {
            LOG.debug("{}: option {} ({} bytes) does not fit in {} bytes, dropped", reply.label(), o.code(),
                o.length(), limit);
        }
        int overloadValue = (packer.area(FILE).isEmpty() ? 0 : 1) | (packer.area(SNAME).isEmpty() ? 0 : 2);
        return write(reply, packer, overloadValue);
    }

    /** Common case: everything fits in the options field; no placement bookkeeping. */
    private static byte[] writeMainOnly(DhcpMessage reply, List<DhcpOption> ordered, int needed) {
        byte[] out = new byte[Math.max(DhcpCodec.MIN_SIZE, DhcpCodec.OPTIONS_START + needed)];
        DhcpCodec.writeHeader(reply, out);
        int p = DhcpCodec.writeCookie(out);
        for (int i = 0, n = ordered.size(); i < n; i++) {
            DhcpOption o = ordered.get(i);
            p = OptionWriter.write(o, 0, o.length(), out, p);
        }
        out[p] = (byte) 255;
        return out;
    }

    private static byte[] write(DhcpMessage reply, AreaPacker areas, int overloadValue) {
        int mainSize = 1 + (overloadValue != 0 ? 3 : 0);
        for (AreaPacker.Piece piece : areas.area(MAIN)) {
            mainSize += 2 + piece.len();
        }
        byte[] out = new byte[Math.max(DhcpCodec.MIN_SIZE, DhcpCodec.OPTIONS_START + mainSize)];
        DhcpMessage.Builder header = reply.toBuilder();
        if ((overloadValue & 1) != 0) {
            header.file(new byte[0]);
        }
        if ((overloadValue & 2) != 0) {
            header.sname(new byte[0]);
        }
        DhcpCodec.writeHeader(header.build(), out);
        int p = DhcpCodec.writeCookie(out);
        if (overloadValue != 0) {
            out[p++] = 52;
            out[p++] = 1;
            out[p++] = (byte) overloadValue;
        }
        p = writePieces(areas.area(MAIN), out, p);
        out[p] = (byte) 255;
        if ((overloadValue & 1) != 0) {
            out[writePieces(areas.area(FILE), out, DhcpCodec.FILE_OFF)] = (byte) 255;
        }
        if ((overloadValue & 2) != 0) {
            out[writePieces(areas.area(SNAME), out, DhcpCodec.SNAME_OFF)] = (byte) 255;
        }
        return out;
    }

    private static int writePieces(List<AreaPacker.Piece> pieces, byte[] out, int p) {
        for (AreaPacker.Piece piece : pieces) {
            p = OptionWriter.write(piece.option(), piece.from(), piece.len(), out, p);
        }
        return p;
    }

    /** 53, 54, 51, 58, 59 first, then the request list order, then the rest with 82 last. */
    private static List<DhcpOption> order(DhcpMessage reply, ReplyEncoding enc) {
        List<DhcpOption> all = reply.options().all();
        List<DhcpOption> out = new ArrayList<>(all.size());
        boolean[] taken = new boolean[256];
        taken[52] = true;
        if (enc.bootp()) {
            for (int c = 50; c <= 61; c++) {
                taken[c] = true;
            }
        }
        for (int c : FIRST) {
            take(all, c, taken, out);
        }
        for (byte c : enc.parameterRequestList()) {
            take(all, c & 0xff, taken, out);
        }
        for (DhcpOption o : all) {
            if (o.code() != 82) {
                take(all, o.code(), taken, out);
            }
        }
        take(all, 82, taken, out);
        return out;
    }

    private static void take(List<DhcpOption> all, int code, boolean[] taken, List<DhcpOption> out) {
        if (taken[code]) {
            return;
        }
        for (DhcpOption o : all) {
            if (o.code() == code) {
                out.add(o);
                taken[code] = true;
                return;
            }
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
