package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leasehold.api.codec.DecodeException;

/**
 * One enterprise block of the vendor-identifying options 124/125 (RFC 3925): a 32-bit IANA
 * enterprise number and its data (for 124 length-prefixed class data, for 125 sub-options).
 * Immutable.
 */
public record VendorBlock(long enterprise, byte[] data) {
    public VendorBlock {
        if (enterprise < 0 || enterprise > 0xffffffffL) {
            throw new IllegalArgumentException("enterprise number out of range: " + enterprise);
        }
        if (data.length > 255) {
            throw new IllegalArgumentException("vendor block data longer than 255 bytes");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public static List<VendorBlock> decode(byte[] v) throws DecodeException {
        List<VendorBlock> blocks = new ArrayList<>();
        int p = 0;
        while (p < v.length) {
            if (p + 5 > v.length) {
                throw new DecodeException(p, "vendor-identifying block header truncated");
            }
            long ent = ((long) (v[p] & 0xff) << 24) | (v[p + 1] & 0xff) << 16 | (v[p + 2] & 0xff) << 8 | (v[p + 3] & 0xff);
            int len = v[p + 4] & 0xff;
            if (p + 5 + len > v.length) {
                throw new DecodeException(p, "vendor-identifying block data truncated");
            }
            blocks.add(new VendorBlock(ent, Arrays.copyOfRange(v, p + 5, p + 5 + len)));
            p += 5 + len;
        }
        return List.copyOf(blocks);
    }

    public static byte[] encode(List<VendorBlock> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (VendorBlock b : blocks) {
            ScalarType.writeInt(out, b.enterprise, 4);
            out.write(b.data.length);
            out.writeBytes(b.data);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorBlock b && b.enterprise == enterprise && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(enterprise) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return enterprise + " " + Formats.string(data, 0, data.length);
    }
}
