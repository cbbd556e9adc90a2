package org.leasehold.api.option;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** A record {@code { T, T, ... }}: fields separated by spaces in dhcpd.conf; only the last may vary in size. */
final class RecordType extends WireType {
    private final List<WireType> fields;

    RecordType(List<WireType> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a record needs at least one field");
        }
        for (int i = 0; i < fields.size() - 1; i++) {
            if (fields.get(i).takesRest()) {
                throw new IllegalArgumentException("record field " + fields.get(i).name() + " must come last");
            }
        }
        this.fields = List.copyOf(fields);
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("{ ");
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(fields.get(i).name());
        }
        return sb.append(" }").toString();
    }

    @Override
    boolean takesRest() {
        return fields.get(fields.size() - 1).takesRest();
    }

    @Override
    void parse(ValueLexer lx, ByteArrayOutputStream out) {
        for (WireType f : fields) {
            f.parse(lx, out);
        }
    }

    @Override
    int format(byte[] b, int off, int end, StringBuilder sb) {
        int p = off;
        for (int i = 0; i < fields.size(); i++) {
            int before = sb.length();
            if (i > 0) {
                sb.append(' ');
            }
            int mark = sb.length();
            p = fields.get(i).format(b, p, end, sb);
            if (sb.length() == mark) {
                sb.setLength(before);
            }
        }
        return p;
    }
}
