package org.leasehold.api.message;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.leasehold.api.codec.DecodeException;

/**
 * The relay agent information option 82 (RFC 3046) as an ordered list of sub-options: circuit-id
 * (1), remote-id (2), link-selection (5, RFC 3527), subscriber-id (6, RFC 3993) and any others,
 * unknown ones included. {@link #encode()} gives back the parsed bytes exactly. Immutable.
 */
public final class RelayAgentInformation {
    private final List<SubOption> subOptions;

    private RelayAgentInformation(List<SubOption> subOptions) {
        this.subOptions = List.copyOf(subOptions);
    }

    public static RelayAgentInformation of(List<SubOption> subOptions) {
        return new RelayAgentInformation(subOptions);
    }

    /** Parses the (concatenated) option 82 value. */
    public static RelayAgentInformation parse(byte[] value) throws DecodeException {
        List<SubOption> list = new ArrayList<>();
        int p = 0;
        while (p < value.length) {
            if (p + 2 > value.length) {
                throw new DecodeException(p, "option 82 sub-option " + (value[p] & 0xff) + " has no length byte");
            }
            int len = value[p + 1] & 0xff;
            if (p + 2 + len > value.length) {
                throw new DecodeException(p, "option 82 sub-option " + (value[p] & 0xff) + " overruns the option");
            }
            list.add(new SubOption(value[p] & 0xff, Arrays.copyOfRange(value, p + 2, p + 2 + len)));
            p += 2 + len;
        }
        return new RelayAgentInformation(list);
    }

    /** The option 82 of a message, if present and well formed. */
    public static Optional<RelayAgentInformation> from(DhcpMessage m) {
        Optional<byte[]> v = m.options().bytes(82);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(v.get()));
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }

    public byte[] encode() {
        int size = 0;
        for (SubOption s : subOptions) {
            size += 2 + s.bytes().length;
        }
        byte[] out = new byte[size];
        int p = 0;
        for (SubOption s : subOptions) {
            byte[] b = s.bytes();
            out[p] = (byte) s.code();
            out[p + 1] = (byte) b.length;
            System.arraycopy(b, 0, out, p + 2, b.length);
            p += 2 + b.length;
        }
        return out;
    }

    public DhcpOption toOption() {
        return DhcpOption.of(82, encode());
    }

    public List<SubOption> subOptions() {
        return subOptions;
    }

    /** The first sub-option with this code. */
    public Optional<SubOption> get(int code) {
        for (SubOption s : subOptions) {
            if (s.code() == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<byte[]> circuitId() {
        return get(1).map(SubOption::bytes);
    }

    public Optional<byte[]> remoteId() {
        return get(2).map(SubOption::bytes);
    }

    /** Link selection (RFC 3527): the subnet the client is on; empty unless exactly 4 bytes. */
    public Optional<Inet4Address> linkSelection() {
        return get(5).map(SubOption::bytes).filter(b -> b.length == 4)
            .map(b -> Addresses.of((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff)));
    }

    /** Subscriber-ID (RFC 3993), NVT ASCII. */
    public Optional<String> subscriberId() {
        return get(6).map(s -> new String(s.bytes(), StandardCharsets.US_ASCII));
    }

    /** A copy with {@code s} replacing the first sub-option of its code, or appended. */
    public RelayAgentInformation with(SubOption s) {
        List<SubOption> out = new ArrayList<>(subOptions);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).code() == s.code()) {
                out.set(i, s);
                return new RelayAgentInformation(out);
            }
        }
        out.add(s);
        return new RelayAgentInformation(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayAgentInformation r && r.subOptions.equals(subOptions);
    }

    @Override
    public int hashCode() {
        return subOptions.hashCode();
    }

    @Override
    public String toString() {
        return "RelayAgentInformation" + subOptions;
    }
}
