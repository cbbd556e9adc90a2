package org.leasehold.api.option;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leasehold.api.codec.DecodeException;

/**
 * SIP servers option 120 (RFC 3361): encoding 0 carries domain names (RFC 1035 form, compression
 * allowed), encoding 1 carries IPv4 addresses. Exactly one of the lists is non-empty. Immutable.
 */
public record SipServers(int encoding, List<String> domainNames, List<Inet4Address> addresses) {
    public static final int NAMES = 0;
    public static final int ADDRESSES = 1;

    public SipServers {
        domainNames = List.copyOf(domainNames);
        addresses = List.copyOf(addresses);
    }

    public static SipServers ofNames(List<String> names) {
        return new SipServers(NAMES, names, List.of());
    }

    public static SipServers ofAddresses(List<Inet4Address> addresses) {
        return new SipServers(ADDRESSES, List.of(), addresses);
    }

    public static SipServers decode(byte[] v) throws DecodeException {
        if (v.length < 2) {
            throw new DecodeException(0, "SIP servers option needs an encoding byte and data");
        }
        int enc = v[0] & 0xff;
        byte[] rest = Arrays.copyOfRange(v, 1, v.length);
        if (enc == NAMES) {
            return ofNames(DomainNames.decodeList(rest));
        }
        if (enc == ADDRESSES) {
            if (rest.length % 4 != 0) {
                throw new DecodeException(1, "SIP server addresses not a multiple of 4 bytes");
            }
            List<Inet4Address> list = new ArrayList<>();
            for (int i = 0; i < rest.length; i += 4) {
                list.add(ClasslessRoute.addr(Arrays.copyOfRange(rest, i, i + 4)));
            }
            return ofAddresses(list);
        }
        throw new DecodeException(0, "unknown SIP servers encoding " + enc);
    }

    public byte[] encode() {
        byte[] data;
        if (encoding == NAMES) {
            data = DomainNames.encode(domainNames, true);
        } else {
            data = new byte[addresses.size() * 4];
            for (int i = 0; i < addresses.size(); i++) {
                System.arraycopy(addresses.get(i).getAddress(), 0, data, 4 * i, 4);
            }
        }
        byte[] out = new byte[data.length + 1];
        out[0] = (byte) encoding;
        System.arraycopy(data, 0, out, 1, data.length);
        return out;
    }
}
