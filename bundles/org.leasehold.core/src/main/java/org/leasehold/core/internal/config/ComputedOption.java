package org.leasehold.core.internal.config;

import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.expr.OptionRef;

/**
 * {@code option NAME = EXPRESSION;} ({@code text} as written): a value computed from each client's
 * packet when the scope is resolved for it ({@link Params#resolve}); a null result leaves the option
 * out. Immutable.
 */
public record ComputedOption(OptionRef option, String text, Expr expression, SourcePos pos) {
}
