package org.leasehold.core.internal.config;

import java.util.List;
import org.leasehold.core.internal.syntax.SourcePos;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.expr.PacketView;

/**
 * {@code if E { ... } elsif E { ... } else { ... }} inside a scope: the parameters of the first branch
 * whose condition holds for the packet apply, else those of {@code otherwise}. Immutable.
 */
public record Conditional(List<Branch> branches, Params otherwise, SourcePos pos) {

    /** One {@code if}/{@code elsif} arm. Immutable. */
    public record Branch(Expr condition, Params body) {
    }

    public Conditional {
        branches = List.copyOf(branches);
    }

    /** The chosen arm's parameters (with its own nested conditionals still unresolved). */
    public Params select(PacketView packet) {
        for (Branch b : branches) {
            if (b.condition().eval(packet).isTrue()) {
                return b.body();
            }
        }
        return otherwise;
    }
}
