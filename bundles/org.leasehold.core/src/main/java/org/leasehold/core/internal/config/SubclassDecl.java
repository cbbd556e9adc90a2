package org.leasehold.core.internal.config;

import java.util.OptionalInt;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.value.Bytes;

/** {@code subclass "CLASS" VALUE [{ ... }]}; matches when the class's match value equals {@code value}. Immutable. */
public record SubclassDecl(String className, Bytes value, OptionalInt leaseLimit, Params params, SourcePos pos) {

    /** The member class name, "CLASS:hex-value", as spawned subclasses are named too. */
    public String name() {
        return className + ":" + value;
    }
}
