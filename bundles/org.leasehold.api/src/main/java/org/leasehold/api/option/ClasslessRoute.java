package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.leasehold.api.codec.DecodeException;

/**
 * One RFC 3442 classless static route (option 121): destination/prefix via router. On the wire the
 * destination takes only its significant octets. Immutable.
 */
public record ClasslessRoute(Inet4Address destination, int prefixLength, Inet4Address router) {
    public ClasslessRoute {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0-32, was " + prefixLength);
        }
    }

    /** Decodes the whole option 121 value. */
    public static List<ClasslessRoute> decode(byte[] v) throws DecodeException {
        List<ClasslessRoute> routes = new ArrayList<>();
        int p = 0;
        while (p < v.length) {
            int width = v[p] & 0xff;
            if (width > 32) {
                throw new DecodeException(p, "classless route prefix length " + width + " > 32");
            }
            int octets = (width + 7) / 8;
            if (p + 1 + octets + 4 > v.length) {
                throw new DecodeException(p, "classless route truncated");
            }
            byte[] dest = new byte[4];
            System.arraycopy(v, p + 1, dest, 0, octets);
            byte[] gw = new byte[4];
            System.arraycopy(v, p + 1 + octets, gw, 0, 4);
            routes.add(new ClasslessRoute(addr(dest), width, addr(gw)));
            p += 1 + octets + 4;
        }
        return List.copyOf(routes);
    }

    /** Encodes routes into an option 121 value. */
    public static byte[] encode(List<ClasslessRoute> routes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ClasslessRoute r : routes) {
            out.write(r.prefixLength);
            out.write(r.destination.getAddress(), 0, (r.prefixLength + 7) / 8);
            out.writeBytes(r.router.getAddress());
        }
        return out.toByteArray();
    }

    /** Parses {@code 10.0.0.0/8 198.18.0.1}. */
    public static ClasslessRoute parse(String dest, String router) {
        int slash = dest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("classless route destination needs /prefix: '" + dest + "'");
        }
        int width = (int) Formats.parseLong(dest.substring(slash + 1), 0, 32);
        byte[] d = Formats.parseIp(dest.substring(0, slash));
        for (int bit = width; bit < 32; bit++) {
            if ((d[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("destination " + dest + " has host bits set");
            }
        }
        return new ClasslessRoute(addr(d), width, addr(Formats.parseIp(router)));
    }

    static Inet4Address addr(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 10.0.0.0/8 198.18.0.1}. */
    @Override
    public String toString() {
        return destination.getHostAddress() + "/" + prefixLength + " " + router.getHostAddress();
    }
}
