package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leasehold.api.codec.DecodeException;

/**
 * User class option 77 in RFC 3004 form: a list of length-prefixed opaque instances. Some clients
 * (ISC dhclient) send plain text instead; {@link #decode} then fails and callers may fall back to
 * the raw bytes. Stateless, thread-safe.
 */
public final class UserClasses {
    private UserClasses() {
    }

    public static List<byte[]> decode(byte[] v) throws DecodeException {
        if (v.length == 0) {
            throw new DecodeException(0, "empty user class option");
        }
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p < v.length) {
            int len = v[p] & 0xff;
            if (len == 0 || p + 1 + len > v.length) {
                throw new DecodeException(p, "user class instance length " + len + " does not fit (not RFC 3004 form)");
            }
            out.add(Arrays.copyOfRange(v, p + 1, p + 1 + len));
            p += 1 + len;
        }
        return out;
    }

    public static byte[] encode(List<byte[]> classes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : classes) {
            if (c.length == 0 || c.length > 255) {
                throw new IllegalArgumentException("user class instance must be 1-255 bytes");
            }
            out.write(c.length);
            out.writeBytes(c);
        }
        return out.toByteArray();
    }
}
