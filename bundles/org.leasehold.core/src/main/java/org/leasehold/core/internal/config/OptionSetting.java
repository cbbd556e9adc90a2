package org.leasehold.core.internal.config;

import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.expr.OptionRef;

/** {@code option NAME VALUE;} as written ({@code text}) and encoded ({@code value}). Immutable. */
public record OptionSetting(OptionRef option, String text, Bytes value, SourcePos pos) {
}
