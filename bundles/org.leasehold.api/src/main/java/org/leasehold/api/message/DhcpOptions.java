package org.leasehold.api.message;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The options of a message as an immutable ordered collection. {@link #all()} holds one logical
 * option per code in order of first appearance, with RFC 3396 split instances concatenated;
 * {@link #instances()} holds the instances exactly as they were on the wire (for a decoded message)
 * or as given. Typed helpers return empty when the option is absent or has the wrong length, so a
 * malformed value never throws. Immutable and thread-safe.
 */
public final class DhcpOptions {
    private static final DhcpOptions EMPTY = new DhcpOptions(List.of(), List.of());

    private final List<DhcpOption> all;
    private final List<DhcpOption> instances;

    private DhcpOptions(List<DhcpOption> all, List<DhcpOption> instances) {
        this.all = all;
        this.instances = instances;
    }

    public static DhcpOptions empty() {
        return EMPTY;
    }

    /** Options from instances in order; repeated codes are concatenated (RFC 3396). */
    public static DhcpOptions of(List<DhcpOption> instances) {
        List<DhcpOption> copy = List.copyOf(instances);
        return new DhcpOptions(merge(copy), copy);
    }

    public static DhcpOptions of(DhcpOption... options) {
        return of(List.of(options));
    }

    private static List<DhcpOption> merge(List<DhcpOption> instances) {
        long[] seen = new long[4];
        boolean repeated = false;
        for (DhcpOption o : instances) {
            int c = o.code();
            if ((seen[c >>> 6] & (1L << c)) != 0) {
                repeated = true;
                break;
            }
            seen[c >>> 6] |= 1L << c;
        }
        if (!repeated) {
            return instances;
        }
        List<DhcpOption> merged = new ArrayList<>();
        boolean[] done = new boolean[256];
        for (int i = 0; i < instances.size(); i++) {
            DhcpOption first = instances.get(i);
            if (done[first.code()]) {
                continue;
            }
            done[first.code()] = true;
            DhcpOption acc = first;
            for (int j = i + 1; j < instances.size(); j++) {
                DhcpOption next = instances.get(j);
                if (next.code() == first.code()) {
                    acc = acc.concat(next.value(), 0, next.length());
                }
            }
            merged.add(acc);
        }
        return Collections.unmodifiableList(merged);
    }

    /** Logical options, one per code, in order of first appearance. */
    public List<DhcpOption> all() {
        return all;
    }

    /** Wire instances in order (same as {@link #all()} unless some option was split). */
    public List<DhcpOption> instances() {
        return instances;
    }

    public int size() {
        return all.size();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public Optional<DhcpOption> get(int code) {
        return Optional.ofNullable(find(code));
    }

    public Optional<DhcpOption> get(OptionCode code) {
        return get(code.code());
    }

    private DhcpOption find(int code) {
        for (int i = 0, n = all.size(); i < n; i++) {
            DhcpOption o = all.get(i);
            if (o.code() == code) {
                return o;
            }
        }
        return null;
    }

    public boolean contains(int code) {
        return find(code) != null;
    }

    /** A copy of the (concatenated) value bytes. */
    public Optional<byte[]> bytes(int code) {
        DhcpOption o = find(code);
        return o == null ? Optional.empty() : Optional.of(o.value());
    }

    public Optional<Inet4Address> address(int code) {
        DhcpOption o = find(code);
        if (o == null || o.length() != 4) {
            return Optional.empty();
        }
        return Optional.of(toAddress(o.value(), 0));
    }

    /** Addresses of an "array of ip-address" option; empty if absent or not a multiple of 4 bytes. */
    public Optional<List<Inet4Address>> addresses(int code) {
        DhcpOption o = find(code);
        if (o == null || o.length() % 4 != 0) {
            return Optional.empty();
        }
        byte[] v = o.value();
        List<Inet4Address> list = new ArrayList<>(v.length / 4);
        for (int i = 0; i < v.length; i += 4) {
            list.add(toAddress(v, i));
        }
        return Optional.of(List.copyOf(list));
    }

    /** UTF-8 text; a trailing NUL some clients send is dropped. */
    public Optional<String> text(int code) {
        DhcpOption o = find(code);
        if (o == null) {
            return Optional.empty();
        }
        byte[] v = o.value();
        int n = v.length;
        while (n > 0 && v[n - 1] == 0) {
            n--;
        }
        return Optional.of(new String(v, 0, n, StandardCharsets.UTF_8));
    }

    public Optional<Integer> uint8(int code) {
        DhcpOption o = find(code);
        return o == null || o.length() != 1 ? Optional.empty() : Optional.of(o.byteAt(0));
    }

    public Optional<Integer> uint16(int code) {
        DhcpOption o = find(code);
        return o == null || o.length() != 2 ? Optional.empty() : Optional.of(o.byteAt(0) << 8 | o.byteAt(1));
    }

    /** Unsigned 32-bit value; values above Integer.MAX_VALUE are returned as negative ints. */
    public Optional<Integer> uint32(int code) {
        DhcpOption o = find(code);
        if (o == null || o.length() != 4) {
            return Optional.empty();
        }
        return Optional.of(o.byteAt(0) << 24 | o.byteAt(1) << 16 | o.byteAt(2) << 8 | o.byteAt(3));
    }

    /** Unsigned 32-bit value as a long (lease times). */
    public Optional<Long> uint32Long(int code) {
        return uint32(code).map(Integer::toUnsignedLong);
    }

    /** An empty builder: assembles a message's options in one pass instead of one copy per {@link #with}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options assembled one at a time: {@link #add} replaces the option of the same code where it
     * stands, or appends. Not thread-safe; {@link #build} returns an immutable {@link DhcpOptions}.
     */
    public static final class Builder {
        private final ArrayList<DhcpOption> list = new ArrayList<>(24);
        private final long[] present = new long[4];

        private Builder() {
        }

        public boolean contains(int code) {
            return (present[code >>> 6] & 1L << code) != 0;
        }

        /** Adds {@code option}, or replaces the option of its code in place (as {@link DhcpOptions#with}). */
        public Builder add(DhcpOption option) {
            int code = option.code();
            if (contains(code)) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).code() == code) {
                        list.set(i, option);
                        return this;
                    }
                }
            }
            present[code >>> 6] |= 1L << code;
            list.add(option);
            return this;
        }

        public DhcpOptions build() {
            return of(list);
        }
    }

    /** These options with {@code option} replacing the option of the same code, or appended. */
    public DhcpOptions with(DhcpOption option) {
        List<DhcpOption> out = new ArrayList<>(all.size() + 1);
        boolean replaced = false;
        for (DhcpOption o : all) {
            if (o.code() == option.code()) {
                if (!replaced) {
                    out.add(option);
                    replaced = true;
                }
            } else {
                out.add(o);
            }
        }
        if (!replaced) {
            out.add(option);
        }
        return of(out);
    }

    public DhcpOptions without(int code) {
        if (!contains(code)) {
            return this;
        }
        List<DhcpOption> out = new ArrayList<>(all.size());
        for (DhcpOption o : all) {
            if (o.code() != code) {
                out.add(o);
            }
        }
        return of(out);
    }

    private static Inet4Address toAddress(byte[] b, int off) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[off], b[off + 1], b[off + 2], b[off + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }

    /** Equal when the logical options are equal (wire splitting is not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpOptions other && other.all.equals(all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
