package org.leasehold.core.internal.expr;

import org.leasehold.core.internal.value.Bytes;

/**
 * Result of evaluating an expression: data, a number, a boolean, or null (ISC's "undefined", e.g. an
 * absent option). Immutable.
 */
public sealed interface Value {

    Value NULL = new Null();

    record Data(Bytes bytes) implements Value {
    }

    record Num(long value) implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    record Null() implements Value {
    }

    static Value of(boolean b) {
        return new Bool(b);
    }

    /** Truth as ISC tests it: only a true boolean is true; null is false. */
    default boolean isTrue() {
        return this instanceof Bool b && b.value();
    }

    /** Data view: numbers become 4 bytes big-endian; booleans one byte; null stays null. */
    default Bytes dataOrNull() {
        if (this instanceof Data d) {
            return d.bytes();
        }
        if (this instanceof Num n) {
            long v = n.value();
            return Bytes.of(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }
        if (this instanceof Bool b) {
            return Bytes.of(new byte[] {(byte) (b.value() ? 1 : 0)});
        }
        return null;
    }

    /** Numeric view: data is read big-endian unsigned (up to 8 bytes); null stays null. */
    default Long numOrNull() {
        if (this instanceof Num n) {
            return n.value();
        }
        if (this instanceof Data d && d.bytes().length() <= 8) {
            long v = 0;
            for (int i = 0; i < d.bytes().length(); i++) {
                v = (v << 8) | d.bytes().get(i);
            }
            return v;
        }
        return null;
    }
}
