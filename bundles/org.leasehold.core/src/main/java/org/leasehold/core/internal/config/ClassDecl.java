package org.leasehold.core.internal.config;

import java.util.Optional;
import org.leasehold.core.internal.syntax.SourcePos;
import java.util.OptionalInt;
import org.leasehold.core.internal.expr.Expr;

/**
 * {@code class "NAME" { match if E; | match E; spawn with E; lease limit N; ... }}. Immutable.
 */
public record ClassDecl(String name, Optional<Expr> matchIf, Optional<Expr> match, Optional<Expr> spawnWith,
        OptionalInt leaseLimit, Params params, SourcePos pos) {
}
