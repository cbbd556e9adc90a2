package org.leasehold.api.message;

/**
 * What the one-octet open value types share ({@link OptionCode}, {@link MessageType},
 * {@link SubOptionCode}): a code 0-255 with a name, equal by type and code. Each type keeps one shared
 * instance per code, so unknown codes survive without allocation. Immutable.
 */
public abstract class OctetCode {

    private final int code;
    private final String name;

    OctetCode(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /** Checks that {@code code} fits one octet; {@code what} names the kind in the message. */
    static int checkOctet(int code, String what) {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException(what + " out of range 0-255: " + code);
        }
        return code;
    }

    public final int code() {
        return code;
    }

    /** The name: ISC dhcpd's where it has one, a generated one ({@code option-NNN}, ...) otherwise. */
    public final String name() {
        return name;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((OctetCode) o).code == code;
    }

    @Override
    public final int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
