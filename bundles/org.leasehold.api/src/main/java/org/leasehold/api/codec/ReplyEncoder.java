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
    private static final int MAIN = 0;
    private static final int FILE = 1;
    private static final int SNAME = 2;

    /** One instance placed in an area: bytes [from, from+len) of the option's value. */
    private record Piece(DhcpOption option, int from, int len) {
    }

    private ReplyEncoder() {
    }

    static byte[] encode(DhcpMessage reply, ReplyEncoding enc) {
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
        boolean overload = !enc.bootp() && needed > mainCap;
        int[] free = new int[3];
        free[MAIN] = mainCap - 1 - (overload ? 3 : 0);
        if (overload) {
            free[FILE] = allZero(reply.file()) ? 127 : 0;
            free[SNAME] = allZero(reply.sname()) ? 63 : 0;
        }
        List<List<Piece>> areas = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (DhcpOption o : ordered) {
            if (!place(o, free, areas)) {
                LOG.debug("{}: option {} ({} bytes) does not fit in {} bytes, dropped", reply.label(), o.code(),
                    o.length(), limit);
            }
        }
        int overloadValue = (areas.get(FILE).isEmpty() ? 0 : 1) | (areas.get(SNAME).isEmpty() ? 0 : 2);
        return write(reply, areas, overloadValue);
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

    private static byte[] write(DhcpMessage reply, List<List<Piece>> areas, int overloadValue) {
        int mainSize = 1 + (overloadValue != 0 ? 3 : 0);
        for (Piece piece : areas.get(MAIN)) {
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
        p = writePieces(areas.get(MAIN), out, p);
        out[p] = (byte) 255;
        if ((overloadValue & 1) != 0) {
            out[writePieces(areas.get(FILE), out, DhcpCodec.FILE_OFF)] = (byte) 255;
        }
        if ((overloadValue & 2) != 0) {
            out[writePieces(areas.get(SNAME), out, DhcpCodec.SNAME_OFF)] = (byte) 255;
        }
        return out;
    }

    private static int writePieces(List<Piece> pieces, byte[] out, int p) {
        for (Piece piece : pieces) {
            p = OptionWriter.write(piece.option(), piece.from(), piece.len(), out, p);
        }
        return p;
    }

    /**
     * Places all instances of {@code o}, each in the first area (not before the previous instance's,
     * so RFC 3396 concatenation order holds) with room; splits an instance across areas only when
     * no single area can hold it. All or nothing: a partly placed option is rolled back.
     */
    private static boolean place(DhcpOption o, int[] free, List<List<Piece>> areas) {
        int[] trial = free.clone();
        List<List<Piece>> added = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int area = MAIN;
        int from = 0;
        int remaining = o.length();
        do {
            int chunk = Math.min(255, remaining);
            int a = area;
            while (a < 3 && trial[a] < 2 + chunk) {
                a++;
            }
            if (a < 3) {
                added.get(a).add(new Piece(o, from, chunk));
                trial[a] -= 2 + chunk;
                area = a;
            } else {
                while (area < 3 && trial[area] < 3) {
                    area++;
                }
                if (area == 3) {
                    return false;
                }
                chunk = trial[area] - 2;
                added.get(area).add(new Piece(o, from, chunk));
                trial[area] -= 2 + chunk;
            }
            from += chunk;
            remaining -= chunk;
        } while (remaining > 0);
        System.arraycopy(trial, 0, free, 0, 3);
        for (int i = 0; i < 3; i++) {
            areas.get(i).addAll(added.get(i));
        }
        return true;
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
