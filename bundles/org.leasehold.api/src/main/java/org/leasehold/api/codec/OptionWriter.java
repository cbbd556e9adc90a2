package org.leasehold.api.codec;

import org.leasehold.api.message.DhcpOption;

/** Writes option instances, splitting values over 255 bytes (RFC 3396). */
final class OptionWriter {
    private OptionWriter() {
    }

    /** Bytes needed on the wire for a value of {@code len} bytes split into 255-byte instances. */
    static int wireSize(int len) {
        if (len == 0) {
            return 2;
        }
        return len + 2 * ((len + 254) / 255);
    }

    /** Writes value bytes [from, from+len) of {@code o} as instances at {@code p}; returns the new position. */
    static int write(DhcpOption o, int from, int len, byte[] out, int p) {
        if (len == 0) {
            out[p] = (byte) o.code();
            out[p + 1] = 0;
            return p + 2;
        }
        int done = 0;
        while (done < len) {
            int chunk = Math.min(255, len - done);
            out[p] = (byte) o.code();
            out[p + 1] = (byte) chunk;
            o.copyTo(from + done, out, p + 2, chunk);
            p += 2 + chunk;
            done += chunk;
        }
        return p;
    }
}
