package org.leasehold.core.internal.config;

import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.expr.OptionRef;

/**
 * {@code option NAME VALUE;} as written ({@code text}) and encoded ({@code value}), or one of ISC's
 * {@code supersede}, {@code default}, {@code append}, {@code prepend} forms of it. Immutable.
 */
public record OptionSetting(OptionRef option, String text, Bytes value, SourcePos pos, Mode mode) {

    /**
     * How the setting combines with what less specific scopes set (ISC executes scopes from the global
     * one inwards): {@code option} and {@code supersede} replace, {@code default} applies only when no
     * value is set yet, {@code append}/{@code prepend} add their bytes after/before the value so far.
     */
    public enum Mode { SUPERSEDE, DEFAULT, APPEND, PREPEND }

    public OptionSetting(OptionRef option, String text, Bytes value, SourcePos pos) {
        this(option, text, value, pos, Mode.SUPERSEDE);
    }

    /** The value after this setting is applied to {@code current} (null when nothing is set yet). */
    public Bytes applyTo(Bytes current) {
        return switch (mode) {
            case SUPERSEDE -> value;
            case DEFAULT -> current != null ? current : value;
            case APPEND -> current == null ? value : current.concat(value);
            case PREPEND -> current == null ? value : value.concat(current);
        };
    }
}
