package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;

/**
 * {@code encapsulate SPACE}: the value is a sequence of sub-options of another option space. As a
 * value it is written and shown as raw bytes (quoted or hex); {@link #space()} names the space whose
 * definitions describe the sub-options.
 */
final class EncapsulateType extends WireType {
    private final String space;

    EncapsulateType(String space) {
        this.space = space;
    }

    String space() {
        return space;
    }

    @Override
    public String name() {
        return "encapsulate " + space;
    }

    @Override
    boolean takesRest() {
        return true;
    }

    @Override
    void parse(ValueLexer lx, ByteArrayOutputStream out) {
        byte[] raw = lx.restAsColonHex();
        out.writeBytes(raw != null ? raw : lx.quotedOrHex("sub-option bytes"));
    }

    @Override
    int format(byte[] b, int off, int end, StringBuilder sb) {
        int p = off;
        while (p < end) {
            need(b, p, 2, end);
            need(b, p + 2, b[p + 1] & 0xff, end);
            p += 2 + (b[p + 1] & 0xff);
        }
        sb.append(Formats.hex(b, off, end - off));
        return end;
    }
}
