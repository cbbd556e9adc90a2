package org.leasehold.api.option;

import java.util.Arrays;
import org.leasehold.api.codec.DecodeException;

/**
 * The authentication option 90 (RFC 3118): protocol, algorithm, replay detection method (RDM),
 * 8 bytes of replay detection and the protocol's authentication information. Immutable.
 */
public record Authentication(int protocol, int algorithm, int rdm, long replayDetection, byte[] authInfo) {
    public Authentication {
        if ((protocol | algorithm | rdm) > 255 || protocol < 0 || algorithm < 0 || rdm < 0) {
            throw new IllegalArgumentException("protocol, algorithm and rdm must be 0-255");
        }
        authInfo = authInfo.clone();
    }

    @Override
    public byte[] authInfo() {
        return authInfo.clone();
    }

    public static Authentication decode(byte[] v) throws DecodeException {
        if (v.length < 11) {
            throw new DecodeException(0, "authentication option shorter than 11 bytes");
        }
        long replay = 0;
        for (int i = 3; i < 11; i++) {
            replay = replay << 8 | (v[i] & 0xff);
        }
        return new Authentication(v[0] & 0xff, v[1] & 0xff, v[2] & 0xff, replay, Arrays.copyOfRange(v, 11, v.length));
    }

    public byte[] encode() {
        byte[] out = new byte[11 + authInfo.length];
        out[0] = (byte) protocol;
        out[1] = (byte) algorithm;
        out[2] = (byte) rdm;
        for (int i = 0; i < 8; i++) {
            out[3 + i] = (byte) (replayDetection >>> (56 - 8 * i));
        }
        System.arraycopy(authInfo, 0, out, 11, authInfo.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authentication a && a.protocol == protocol && a.algorithm == algorithm && a.rdm == rdm
            && a.replayDetection == replayDetection && Arrays.equals(a.authInfo, authInfo);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(replayDetection) * 31 + Arrays.hashCode(authInfo);
    }

    @Override
    public String toString() {
        return protocol + " " + algorithm + " " + rdm + " " + Long.toUnsignedString(replayDetection) + " "
            + Formats.string(authInfo, 0, authInfo.length);
    }
}
