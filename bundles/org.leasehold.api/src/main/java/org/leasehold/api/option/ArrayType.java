package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;

/** {@code array of T}: values separated by commas in dhcpd.conf, concatenated on the wire. */
final class ArrayType extends WireType {
    private final WireType element;

    ArrayType(WireType element) {
        if (element.takesRest()) {
            throw new IllegalArgumentException("array of " + element.name() + " is not allowed: its size is not fixed");
        }
        this.element = element;
    }

    @Override
    public String name() {
        return "array of " + element.name();
    }

    @Override
    boolean takesRest() {
        return true;
    }

    @Override
    void parse(ValueLexer lx, ByteArrayOutputStream out) {
        if (lx.atEnd()) {
            return;
        }
        element.parse(lx, out);
        while (lx.comma()) {
            element.parse(lx, out);
        }
    }

    @Override
    int format(byte[] b, int off, int end, StringBuilder sb) {
        int p = off;
        while (p < end) {
            if (p > off) {
                sb.append(", ");
            }
            int next = element.format(b, p, end, sb);
            if (next == p) {
                throw new IllegalArgumentException("empty array element");
            }
            p = next;
        }
        return p;
    }
}
