package org.leasehold.core.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leasehold.api.config.ConfigParameters;
import org.leasehold.api.config.ConfigStatement;

/**
 * {@link ConfigParameters} over a chain of scopes as {@code ConfigView.scopes} returns it (least
 * specific first). Immutable; reads walk the chain, most specific scope first.
 */
public final class ScopeParameters implements ConfigParameters {

    private final List<Params> scopes;

    public ScopeParameters(List<Params> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    @Override
    public Optional<String> get(String name) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            var p = scopes.get(i).parameter(name);
            if (p.isPresent()) {
                return Optional.of(p.get().value());
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ConfigStatement> statements(String keyword) {
        List<ConfigStatement> out = new ArrayList<>();
        for (int i = scopes.size() - 1; i >= 0; i--) {
            List<ConfigStatement> here = scopes.get(i).statements();
            for (int j = here.size() - 1; j >= 0; j--) {
                if (here.get(j).keyword().equals(keyword)) {
                    out.add(here.get(j));
                }
            }
        }
        return out;
    }
}
