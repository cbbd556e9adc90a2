package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.leasehold.api.codec.DecodeException;

/**
 * The client FQDN option 81 (RFC 4702): flags (S=1, O=2, E=4, N=8), the deprecated RCODE1/RCODE2
 * bytes and the name. With E set the name is in canonical wire format (a partial name has no root
 * label); without it the name is deprecated ASCII. {@code name} carries a trailing dot when fully
 * qualified in wire format. Immutable.
 */
public record ClientFqdn(int flags, int rcode1, int rcode2, String name) {
    public static final int FLAG_S = 0x01;
    public static final int FLAG_O = 0x02;
    public static final int FLAG_E = 0x04;
    public static final int FLAG_N = 0x08;

    public ClientFqdn {
        if (flags < 0 || flags > 255 || rcode1 < 0 || rcode1 > 255 || rcode2 < 0 || rcode2 > 255) {
            throw new IllegalArgumentException("flags and rcodes must be 0-255");
        }
    }

    public static ClientFqdn decode(byte[] v) throws DecodeException {
        if (v.length < 3) {
            throw new DecodeException(0, "client FQDN option shorter than 3 bytes");
        }
        int flags = v[0] & 0xff;
        String name;
        if ((flags & FLAG_E) != 0) {
            byte[] rest = Arrays.copyOfRange(v, 3, v.length);
            int[] pos = {0};
            name = rest.length == 0 ? "" : DomainNames.readName(rest, pos, true);
            if (pos[0] != rest.length) {
                throw new DecodeException(3 + pos[0], "bytes after the client FQDN name");
            }
        } else {
            name = new String(v, 3, v.length - 3, StandardCharsets.US_ASCII);
        }
        return new ClientFqdn(flags, v[1] & 0xff, v[2] & 0xff, name);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(rcode1);
        out.write(rcode2);
        if (encoded()) {
            if (!name.isEmpty() && !name.equals(".")) {
                out.writeBytes(DomainNames.encodeName(name, !name.endsWith(".")));
            } else if (name.equals(".")) {
                out.write(0);
            }
        } else {
            out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    public boolean serverUpdates() {
        return (flags & FLAG_S) != 0;
    }

    public boolean overridden() {
        return (flags & FLAG_O) != 0;
    }

    public boolean encoded() {
        return (flags & FLAG_E) != 0;
    }

    public boolean noUpdates() {
        return (flags & FLAG_N) != 0;
    }

    /** Whether the name is fully qualified (trailing dot). */
    public boolean fullyQualified() {
        return name.endsWith(".");
    }
}
