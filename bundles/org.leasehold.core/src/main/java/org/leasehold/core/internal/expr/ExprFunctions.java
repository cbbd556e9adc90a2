package org.leasehold.core.internal.expr;

import java.util.Objects;
import org.leasehold.core.internal.value.Bytes;

/** The data functions of dhcp-eval(5), with its null rules. Stateless. */
final class ExprFunctions {

    private ExprFunctions() {
    }

    static Value substring(Value data, Value offset, Value length) {
        Bytes b = data.dataOrNull();
        Long off = offset.numOrNull();
        Long len = length.numOrNull();
        if (b == null || off == null || len == null || off < 0 || len < 0) {
            return Value.NULL;
        }
        int from = (int) Math.min(off, b.length());
        int to = (int) Math.min((long) from + len, b.length());
        return new Value.Data(b.slice(from, to));
    }

    static Value suffix(Value data, Value length) {
        Bytes b = data.dataOrNull();
        Long len = length.numOrNull();
        if (b == null || len == null || len < 0) {
            return Value.NULL;
        }
        int from = (int) Math.max(0, b.length() - len);
        return new Value.Data(b.slice(from, b.length()));
    }

    static Value binaryToAscii(Value base, Value width, Value separator, Value data) {
        Long radix = base.numOrNull();
        Long bits = width.numOrNull();
        Bytes sep = separator.dataOrNull();
        Bytes b = data.dataOrNull();
        if (radix == null || bits == null || sep == null || b == null || radix < 2 || radix > 16
                || (bits != 8 && bits != 16 && bits != 32)) {
            return Value.NULL;
        }
        int step = (int) (bits / 8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + step <= b.length(); i += step) {
            long v = 0;
            for (int j = 0; j < step; j++) {
                v = (v << 8) | b.get(i + j);
            }
            if (i > 0) {
                out.append(sep.ascii());
            }
            out.append(Long.toString(v, radix.intValue()));
        }
        return new Value.Data(Bytes.of(out.toString()));
    }

    static Value reverse(Value width, Value data) {
        Long w = width.numOrNull();
        Bytes b = data.dataOrNull();
        if (w == null || b == null || w <= 0 || b.length() % w != 0) {
            return Value.NULL;
        }
        int step = w.intValue();
        byte[] in = b.toArray();
        byte[] out = new byte[in.length];
        int groups = in.length / step;
        for (int g = 0; g < groups; g++) {
            System.arraycopy(in, g * step, out, (groups - 1 - g) * step, step);
        }
        return new Value.Data(Bytes.of(out));
    }

    static Value extractInt(Value data, int bits) {
        Bytes b = data.dataOrNull();
        int n = bits / 8;
        if (b == null || b.length() < n) {
            return Value.NULL;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | b.get(i);
        }
        return new Value.Num(v);
    }

    static Value encodeInt(Value number, int bits) {
        Long v = number.numOrNull();
        if (v == null) {
            return Value.NULL;
        }
        int n = bits / 8;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
        return new Value.Data(Bytes.of(out));
    }

    /** Data compares bytewise; a number against data compares numerically; null equals only null. */
    static boolean equal(Value a, Value b) {
        if (a instanceof Value.Null || b instanceof Value.Null) {
            return a instanceof Value.Null && b instanceof Value.Null;
        }
        if (a instanceof Value.Num || b instanceof Value.Num) {
            return Objects.equals(a.numOrNull(), b.numOrNull());
        }
        if (a instanceof Value.Bool x && b instanceof Value.Bool y) {
            return x.value() == y.value();
        }
        return Objects.equals(a.dataOrNull(), b.dataOrNull());
    }
}
